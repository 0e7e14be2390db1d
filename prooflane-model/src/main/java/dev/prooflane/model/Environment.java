package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A baseline: the services that run in it, in start order, and the routing-key names its router
 * accepts.
 *
 * @param name the environment name
 * @param file the environment file it was read from
 * @param keyNames where requests carry the routing key
 * @param services the services by name, in the order they are declared (and started)
 * @param maxTtl the longest TTL a sandbox may ask for
 * @param skillDirs the folders of the environment's skill catalog
 * @param tls the router's TLS identity ({@code router.tls}), when its listeners speak TLS too
 * @param kafka the Kafka broker ({@code kafka:}), when the environment has one
 * @param postgres the PostgreSQL server ({@code postgres:}), when the environment has one
 * @param databases the baseline's databases ({@code databases:}), in file order; empty without a
 *     {@code postgres:} section
 */
public record Environment(
    String name,
    Path file,
    KeyNames keyNames,
    Map<String, ServiceSpec> services,
    Optional<java.time.Duration> maxTtl,
    java.util.List<Path> skillDirs,
    Optional<RouterTls> tls,
    Optional<KafkaSection> kafka,
    Optional<PostgresSection> postgres,
    java.util.List<DatabaseSection> databases) {
  public Environment {
    requireNonNull(name, "name");
    requireNonNull(file, "file");
    requireNonNull(keyNames, "keyNames");
    requireNonNull(maxTtl, "maxTtl");
    requireNonNull(tls, "tls");
    requireNonNull(kafka, "kafka");
    requireNonNull(postgres, "postgres");
    databases = java.util.List.copyOf(databases);
    if (!databases.isEmpty() && postgres.isEmpty()) {
      throw new IllegalArgumentException(
          "databases: " + databases.size() + " (expected: none without a postgres section)");
    }
    skillDirs = java.util.List.copyOf(skillDirs);
    services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
  }

  /** An environment without a Kafka broker or a PostgreSQL server. */
  public Environment(
      String name,
      Path file,
      KeyNames keyNames,
      Map<String, ServiceSpec> services,
      Optional<java.time.Duration> maxTtl,
      java.util.List<Path> skillDirs,
      Optional<RouterTls> tls) {
    this(
        name,
        file,
        keyNames,
        services,
        maxTtl,
        skillDirs,
        tls,
        Optional.empty(),
        Optional.empty(),
        java.util.List.of());
  }

  /** The folder relative paths in the environment file are resolved against. */
  public Path baseDir() {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("/") : parent;
  }

  /** The service named {@code name}, or a {@link NotFoundException} that lists the known ones. */
  public ServiceSpec service(String name) {
    ServiceSpec spec = services.get(name);
    if (spec == null) {
      throw new NotFoundException(
          "service", name, "known services: " + String.join(", ", services.keySet()));
    }
    return spec;
  }
}
