package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.RoutingKey;
import java.util.Map;

/**
 * The routing of one sandbox: its key and, per forked service, where its fork runs.
 *
 * @param sandbox sandbox name
 * @param key the routing key requests carry to reach this sandbox
 * @param forks fork targets by service name; services not listed go to the baseline
 */
public record SandboxRoute(String sandbox, RoutingKey key, Map<String, ForkTarget> forks) {
  public SandboxRoute {
    requireNonNull(sandbox, "sandbox");
    requireNonNull(key, "key");
    requireNonNull(forks, "forks");
    if (sandbox.isBlank()) {
      throw new IllegalArgumentException("sandbox: '' (expected: a sandbox name)");
    }
    forks = Map.copyOf(forks);
  }
}
