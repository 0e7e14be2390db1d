package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How to tell that an instance is ready: an HTTP GET on {@code path} answers 2xx within {@code
 * timeout} of the process starting.
 */
public record HealthCheck(String path, Duration timeout, Duration interval) {
  public static final HealthCheck DEFAULT =
      new HealthCheck("/health", Duration.ofSeconds(60), Duration.ofMillis(50));

  public HealthCheck {
    requireNonNull(path, "path");
    requireNonNull(timeout, "timeout");
    requireNonNull(interval, "interval");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path: " + path + " (expected: starts with /)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
  }
}
