package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

/**
 * How one health-check try was answered.
 *
 * @param ready whether the answer passes (2xx, or SERVING)
 * @param said the answer as messages quote it: {@code HTTP 503}, {@code gRPC UNIMPLEMENTED}
 */
record HealthAnswer(boolean ready, String said) {
  HealthAnswer {
    requireNonNull(said, "said");
  }

  /** The answer of an HTTP GET with {@code status}: ready when 2xx. */
  static HealthAnswer http(int status) {
    return new HealthAnswer(status / 100 == 2, "HTTP " + status);
  }
}
