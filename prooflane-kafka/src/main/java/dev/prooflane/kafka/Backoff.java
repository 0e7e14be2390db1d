package dev.prooflane.kafka;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between retries of a failing call: doubling from {@code initial} up to {@code max}, each
 * with up to a quarter of jitter so that many consumers do not retry in step; back to {@code
 * initial} after a success. Used by one thread.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private long nextMillis;

  Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff: " + initial + " to " + max + " (expected: 0 < initial <= max)");
    }
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.nextMillis = initialMillis;
  }

  /** The delay before the next try; the one after it is twice as long, up to the maximum. */
  Duration next() {
    long delay = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    long jitter = ThreadLocalRandom.current().nextLong(delay / 4 + 1);
    return Duration.ofMillis(delay - jitter);
  }

  void reset() {
    nextMillis = initialMillis;
  }
}
