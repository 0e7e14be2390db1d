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
 */
public record Sandbox(
    SandboxSpec spec,
    RoutingKey routingKey,
    SandboxPhase phase,
    Instant createdAt,
    Optional<Instant> expiresAt,
    List<ForkStatus> forks,
    String message) {
  public Sandbox {
    requireNonNull(spec, "spec");
    requireNonNull(routingKey, "routingKey");
    requireNonNull(phase, "phase");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(message, "message");
    forks = List.copyOf(forks);
  }

  public String name() {
    return spec.name();
  }

  /** A copy in another phase with another message. */
  public Sandbox withPhase(SandboxPhase newPhase, String newMessage) {
    return new Sandbox(spec, routingKey, newPhase, createdAt, expiresAt, forks, newMessage);
  }

  /** A copy with other fork states. */
  public Sandbox withForks(List<ForkStatus> newForks) {
    return new Sandbox(spec, routingKey, phase, createdAt, expiresAt, newForks, message);
  }
}
