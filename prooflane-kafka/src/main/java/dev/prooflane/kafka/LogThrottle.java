package dev.prooflane.kafka;

import java.time.Duration;

/** Lets a repeated warning through at most once per interval; thread-safe. */
final class LogThrottle {
  private final long intervalNanos;
  private long last;
  private boolean any;

  LogThrottle(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Whether the warning is due now: the first time, and then once the interval has passed. */
  synchronized boolean due() {
    long now = System.nanoTime();
    if (!any || now - last >= intervalNanos) {
      any = true;
      last = now;
      return true;
    }
    return false;
  }

  /** The next warning is due at once (a new outage is reported when it starts). */
  synchronized void reset() {
    any = false;
  }
}
