package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a user asks for: a named sandbox that forks some services of the baseline.
 *
 * @param name DNS-label-like name, unique among live sandboxes
 * @param routingKey the key to route on, or empty to have one generated
 * @param ttl how long the sandbox lives after creation, or empty for no expiry
 * @param labels free-form labels
 * @param forks the forked services, at least one, each service at most once
 * @param databases per database of the environment, the branch every fork of the sandbox sees
 *     instead of it (docs/databases.md)
 */
public record SandboxSpec(
    String name,
    Optional<RoutingKey> routingKey,
    Optional<Duration> ttl,
    Map<String, String> labels,
    List<Fork> forks,
    Map<String, BranchRequest> databases) {
  public SandboxSpec {
    requireNonNull(name, "name");
    requireNonNull(routingKey, "routingKey");
    requireNonNull(ttl, "ttl");
    labels = Map.copyOf(labels);
    forks = List.copyOf(forks);
    // records read back from the state folder before databases existed carry null
    databases =
        Collections.unmodifiableMap(databases == null ? new TreeMap<>() : new TreeMap<>(databases));
    DnsLabel.require("name", name);
    if (forks.isEmpty()) {
      throw new IllegalArgumentException("forks: empty (expected: at least one forked service)");
    }
    Set<String> seen = new HashSet<>();
    for (Fork fork : forks) {
      if (!seen.add(fork.service())) {
        throw new IllegalArgumentException(
            "forks: service '" + fork.service() + "' forked twice (expected: each service once)");
      }
    }
    if (ttl.isPresent() && (ttl.get().isNegative() || ttl.get().isZero())) {
      throw new IllegalArgumentException("ttl: " + ttl.get() + " (expected: > 0)");
    }
  }

  /** A sandbox without database branches. */
  public SandboxSpec(
      String name,
      Optional<RoutingKey> routingKey,
      Optional<Duration> ttl,
      Map<String, String> labels,
      List<Fork> forks) {
    this(name, routingKey, ttl, labels, forks, Map.of());
  }

  /** Whether {@code name} is a valid sandbox name. */
  public static boolean isValidName(String name) {
    return DnsLabel.isValid(name);
  }
}
