package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A baseline service of an environment: how to run it and where the router listens for it.
 *
 * @param name the service name, unique in the environment
 * @param command the program and its arguments; may hold placeholders (see {@link Placeholders})
 * @param workdir the working directory, resolved against the environment file's folder
 * @param env environment variables added to the process; values may hold placeholders
 * @param port the router port for this service, or 0 to pick a free one
 * @param artifact an optional artifact path that {@code ${artifact}} in the command refers to
 * @param health the readiness check
 * @param protocol what its instances speak on their port; a gRPC health check needs HTTP/2
 * @param propagation what its instances (baseline and forks) run with to carry the routing key: the
 *     service's own {@code propagation}, else the environment's, else {@link Propagation#NONE}
 */
public record ServiceSpec(
    String name,
    List<String> command,
    Path workdir,
    Map<String, String> env,
    int port,
    Optional<String> artifact,
    HealthCheck health,
    Protocol protocol,
    Propagation propagation) {
  public ServiceSpec {
    requireNonNull(name, "name");
    requireNonNull(workdir, "workdir");
    requireNonNull(health, "health");
    requireNonNull(artifact, "artifact");
    requireNonNull(protocol, "protocol");
    requireNonNull(propagation, "propagation");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command: empty (expected: a program and its arguments)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
    }
    if (health.probe() instanceof HealthCheck.GrpcHealth && !protocol.http2()) {
      throw new IllegalArgumentException(
          "health: a gRPC health check of a service that speaks "
              + protocol.yamlName()
              + " (expected: protocol grpc or h2c)");
    }
  }

  /** A service that runs without an agent ({@link Propagation#NONE}). */
  public ServiceSpec(
      String name,
      List<String> command,
      Path workdir,
      Map<String, String> env,
      int port,
      Optional<String> artifact,
      HealthCheck health,
      Protocol protocol) {
    this(name, command, workdir, env, port, artifact, health, protocol, Propagation.NONE);
  }
}
