package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One sandbox of the routes.
 *
 * @param name the sandbox's name, which its fork instances give as {@code prooflane.sandbox}
 * @param key its routing key
 * @param forks each service the sandbox forks and its fork's state ({@code up} or {@code down})
 */
record RoutedSandbox(String name, String key, Map<String, String> forks) {
  RoutedSandbox {
    requireNonNull(name, "name");
    requireNonNull(key, "key");
    forks = Map.copyOf(forks);
  }

  /** Whether the sandbox forks {@code service}, whatever its fork's state. */
  boolean forks(String service) {
    return forks.containsKey(service);
  }
}
