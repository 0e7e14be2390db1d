package dev.prooflane.runtime;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.RoutingKey;
import java.util.List;

/**
 * A sandbox as the engine sees it.
 *
 * @param name the sandbox name
 * @param key its routing key
 * @param forkedServices the services it forks
 * @param phase its phase (READY, DEGRADED, ...)
 */
public record SandboxInfo(String name, RoutingKey key, List<String> forkedServices, String phase) {
  public SandboxInfo {
    requireNonNull(name, "name");
    requireNonNull(key, "key");
    requireNonNull(phase, "phase");
    forkedServices = List.copyOf(forkedServices);
  }
}
