package dev.prooflane.server.json;

import dev.prooflane.model.Durations;
import dev.prooflane.model.Fork;
import dev.prooflane.model.ForkStatus;
import dev.prooflane.model.Sandbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A sandbox as the API shows it: flat, with each fork's change and observed state side by side.
 *
 * @param name the sandbox name
 * @param routingKey the key that routes into it
 * @param phase STARTING, READY, DEGRADED, FAILED or DELETING
 * @param message why it is not READY, or empty
 * @param createdAt when it was created
 * @param expiresAt when its TTL runs out, or null
 * @param ttl the TTL as asked for (such as {@code 30m}), or null
 * @param labels its labels
 * @param forks per fork: service, state, port, pid, message and the change
 * @param branches per database the sandbox branches: its branch, mode, size and creation time
 */
public record SandboxView(
    String name,
    String routingKey,
    String phase,
    String message,
    Instant createdAt,
    Instant expiresAt,
    String ttl,
    Map<String, String> labels,
    List<ForkView> forks,
    List<BranchView> branches) {

  /**
   * One database branch as the API shows it.
   *
   * @param database the environment's database it stands in for
   * @param name the branch's database name on the server
   * @param mode copy, schema or empty
   * @param sizeBytes its size, as last measured
   * @param tookMillis how long making it took, in milliseconds (the migration not included)
   */
  public record BranchView(
      String database, String name, String mode, long sizeBytes, long tookMillis) {}

  /**
   * One fork as the API shows it.
   *
   * @param service the forked service
   * @param state starting, running, exited or stopped
   * @param port its loopback port
   * @param pid its process id
   * @param message what went wrong, or empty
   * @param command the replacement command, or null
   * @param args appended arguments
   * @param env environment upserts
   * @param envRemove removed environment variables
   * @param artifact the replacement artifact, or null
   */
  public record ForkView(
      String service,
      String state,
      int port,
      long pid,
      String message,
      List<String> command,
      List<String> args,
      Map<String, String> env,
      List<String> envRemove,
      String artifact) {}

  /** The view of {@code sandbox}. */
  public static SandboxView of(Sandbox sandbox) {
    List<ForkView> forks = new ArrayList<>();
    for (Fork fork : sandbox.spec().forks()) {
      ForkStatus status =
          sandbox.forks().stream()
              .filter(f -> f.service().equals(fork.service()))
              .findFirst()
              .orElse(new ForkStatus(fork.service(), "starting", 0, 0, ""));
      forks.add(
          new ForkView(
              fork.service(),
              status.state(),
              status.port(),
              status.pid(),
              status.message(),
              fork.command().orElse(null),
              fork.args(),
              fork.env(),
              fork.envRemove(),
              fork.artifact().orElse(null)));
    }
    return new SandboxView(
        sandbox.name(),
        sandbox.routingKey().value(),
        sandbox.phase().name(),
        sandbox.message(),
        sandbox.createdAt(),
        sandbox.expiresAt().orElse(null),
        sandbox.spec().ttl().map(Durations::format).orElse(null),
        sandbox.spec().labels(),
        forks,
        sandbox.branches().stream()
            .map(
                b ->
                    new BranchView(
                        b.database(), b.name(), b.mode().yamlName(), b.sizeBytes(), b.tookMillis()))
            .toList());
  }
}
