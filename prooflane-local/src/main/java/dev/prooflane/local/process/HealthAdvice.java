package dev.prooflane.local.process;

import java.util.Optional;

/**
 * What to do about a health check that keeps getting the same answer: a 404 means the path is wrong
 * (the default {@code /health} is not what most frameworks serve), a 401 or 403 that it is not open
 * to an anonymous {@code GET}.
 */
public final class HealthAdvice {
  /** Where docs/environment.md lists the health settings of common frameworks. */
  static final String DOCS = "docs/environment.md#health-checks";

  private HealthAdvice() {}

  /**
   * The advice for instance {@code id} ({@code owner/service}) whose {@code GET path} answered
   * {@code last} (as {@link HealthProbe} words it: {@code HTTP 404}, {@code connection refused});
   * empty when the answer says nothing about the path.
   */
  public static Optional<String> of(String id, String path, String last) {
    String service = id.substring(id.lastIndexOf('/') + 1);
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
}
