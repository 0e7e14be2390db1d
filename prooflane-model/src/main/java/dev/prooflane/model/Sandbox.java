package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A sandbox as the control plane knows it: what was asked for and what is observed.
 *
 * @param spec what the user asked for
 * @param routingKey the key in effect (given or generated)
 * @param phase where it is in its life
 * @param createdAt when it was created
 * @param expiresAt when its TTL runs out, or empty for no expiry
 * @param forks per fork, the observed state
 * @param message a human-readable explanation when not READY, or empty
 * @param branches the database branches its forks see, as last measured
 */
public record Sandbox(
    SandboxSpec spec,
    RoutingKey routingKey,
    SandboxPhase phase,
    Instant createdAt,
    Optional<Instant> expiresAt,
    List<ForkStatus> forks,
    String message,
    List<BranchStatus> branches) {
  public Sandbox {
    requireNonNull(spec, "spec");
    requireNonNull(routingKey, "routingKey");
    requireNonNull(phase, "phase");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(message, "message");
    forks = List.copyOf(forks);
    // records read back from the state folder before branches existed carry null
    branches = branches == null ? List.of() : List.copyOf(branches);
  }

  /** A sandbox without database branches. */
  public Sandbox(
      SandboxSpec spec,
      RoutingKey routingKey,
      SandboxPhase phase,
      Instant createdAt,
      Optional<Instant> expiresAt,
      List<ForkStatus> forks,
      String message) {
    this(spec, routingKey, phase, createdAt, expiresAt, forks, message, List.of());
  }

  public String name() {
    return spec.name();
  }

  /** A copy in another phase with another message. */
  public Sandbox withPhase(SandboxPhase newPhase, String newMessage) {
    return new Sandbox(
        spec, routingKey, newPhase, createdAt, expiresAt, forks, newMessage, branches);
  }

  /** A copy with other fork states. */
  public Sandbox withForks(List<ForkStatus> newForks) {
    return new Sandbox(spec, routingKey, phase, createdAt, expiresAt, newForks, message, branches);
  }

  /** A copy with other branch states. */
  public Sandbox withBranches(List<BranchStatus> newBranches) {
    return new Sandbox(spec, routingKey, phase, createdAt, expiresAt, forks, message, newBranches);
  }
}
