package dev.prooflane.local.process;

import dev.prooflane.model.HealthCheck;
import java.util.Optional;

/**
 * What to do about a health check that keeps getting the same answer: a 404 means the path is wrong
 * (the default {@code /health} is not what most frameworks serve), a 401 or 403 that it is not open
 * to an anonymous {@code GET}; a gRPC {@code UNIMPLEMENTED} that the server has no health service,
 * a {@code NOT_FOUND} that it does not know the service checked; an HTTP/1.1 answer to h2c that the
 * service's protocol is wrong.
 */
public final class HealthAdvice {
  /** Where docs/environment.md lists the health settings of common frameworks. */
  static final String DOCS = "docs/environment.md#health-checks";

  /** Where docs/environment.md describes the gRPC health check. */
  static final String GRPC_DOCS = "docs/environment.md#grpc-health-checks";

  private HealthAdvice() {}

  /**
   * The advice for instance {@code id} ({@code owner/service}) whose {@code GET path} answered
   * {@code last} (as {@link HealthProbe} words it: {@code HTTP 404}, {@code connection refused});
   * empty when the answer says nothing about the path.
   */
  public static Optional<String> of(String id, String path, String last) {
    return of(id, new HealthCheck.HttpGet(path), last);
  }

  /**
   * The advice for instance {@code id} ({@code owner/service}) whose {@code probe} answered {@code
   * last} (as {@link HealthProbe} words it: {@code HTTP 404}, {@code gRPC UNIMPLEMENTED}); empty
   * when the answer says nothing about the check or the service's settings.
   */
  public static Optional<String> of(String id, HealthCheck.Probe probe, String last) {
    String service = id.substring(id.lastIndexOf('/') + 1);
    if (last.startsWith("answered in HTTP/1.1")) {
      return Optional.of(
          "the service answered in HTTP/1.1 where HTTP/2 in cleartext was expected; set"
              + " services."
              + service
              + ".protocol: http1, or make it serve h2c with prior knowledge");
    }
    if (probe instanceof HealthCheck.GrpcHealth grpc) {
      return grpc(service, grpc, last);
    }
    String path = ((HealthCheck.HttpGet) probe).path();
    if (last.startsWith("HTTP 404")) {
      return Optional.of(
          "GET "
              + path
              + " answered 404 Not Found: the service serves nothing at "
              + path
              + "; set services."
              + service
              + ".health.path in the environment file to the path it serves (Spring Boot with"
              + " Actuator: /actuator/health; Quarkus: /q/health/ready; Micronaut: /health; see "
              + DOCS
              + ")");
    }
    if (last.startsWith("HTTP 401") || last.startsWith("HTTP 403")) {
      return Optional.of(
          "GET "
              + path
              + " answered "
              + last.substring("HTTP ".length(), "HTTP ".length() + 3)
              + ": the health path needs credentials; set services."
              + service
              + ".health.path to a path open to an anonymous GET (Spring Boot with Actuator:"
              + " /actuator/health is open unless its security says otherwise; see "
              + DOCS
              + ")");
    }
    return Optional.empty();
  }

  private static Optional<String> grpc(String service, HealthCheck.GrpcHealth probe, String last) {
    if (last.startsWith("gRPC UNIMPLEMENTED")) {
      return Optional.of(
          "the service does not implement grpc.health.v1.Health: add it (grpc-java:"
              + " HealthStatusManager of grpc-services; other gRPC libraries ship one too) or set"
              + " services."
              + service
              + ".health.path to an HTTP path it serves; see "
              + GRPC_DOCS);
    }
    if (last.startsWith("gRPC NOT_FOUND") || last.startsWith("health SERVICE_UNKNOWN")) {
      return Optional.of(
          "the health service does not know '"
              + probe.service()
              + "': give it a status (grpc-java: HealthStatusManager.setStatus(\""
              + probe.service()
              + "\", SERVING)) or set services."
              + service
              + ".health.grpc to a service it reports (\"\" for the whole server); see "
              + GRPC_DOCS);
    }
    if (last.startsWith("HTTP ")) {
      return Optional.of(
          "the service answers HTTP/2 but not gRPC; set services."
              + service
              + ".protocol: h2c and health.path to an HTTP path it serves, or serve gRPC on its"
              + " port");
    }
    return Optional.empty();
  }
}
