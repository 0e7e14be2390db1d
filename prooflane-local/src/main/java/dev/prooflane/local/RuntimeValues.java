package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.postgres.Databases;
import dev.prooflane.model.SandboxSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values of the placeholders that come from the environment's own servers: {@code ${kafka.*}}
 * (known once the broker's ports are chosen) and {@code ${databases.*}} (known once the database
 * server is up; a sandbox's forks see its branches there).
 */
final class RuntimeValues {
  private final Map<String, String> kafka;
  private volatile Databases databases;

  RuntimeValues(Map<String, String> kafka) {
    this.kafka = Map.copyOf(kafka);
  }

  /** Adds the databases, once their server is up. */
  void databases(Databases started) {
    this.databases = requireNonNull(started, "started");
  }

  /** The environment's databases, once their server is up. */
  Optional<Databases> databases() {
    return Optional.ofNullable(databases);
  }

  /** The values for the baseline's instances. */
  Map<String, String> baseline() {
    Map<String, String> values = new LinkedHashMap<>(kafka);
    databases().ifPresent(d -> values.putAll(d.values()));
    return values;
  }

  /** The values for the forks of {@code sandbox}: its branches instead of their databases. */
  Map<String, String> fork(SandboxSpec sandbox) {
    Map<String, String> values = new LinkedHashMap<>(kafka);
    databases().ifPresent(d -> values.putAll(d.values(sandbox)));
    return values;
  }
}
