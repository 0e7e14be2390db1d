package dev.prooflane.bench.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the baseline consumer saw of one routing key, as {@link System#nanoTime} instants of the
 * polls that returned it: the key delivered, then skipped (its sandbox forks the consumer's
 * service), then delivered again (the sandbox is gone). Written by the consumer's thread only.
 */
final class KeyTimeline {
  private final CompletableFuture<Long> delivered = new CompletableFuture<>();
  private final CompletableFuture<Long> skipped = new CompletableFuture<>();
  private final CompletableFuture<Long> resumed = new CompletableFuture<>();
  private final AtomicInteger skippedAfterResume = new AtomicInteger();
  private volatile long lastDeliveredBeforeSkip;

  /** A poll at {@code now} delivered a record with the key. */
  void deliveredAt(long now) {
    if (skipped.isDone()) {
      resumed.complete(now);
    } else {
      delivered.complete(now);
      lastDeliveredBeforeSkip = now;
    }
  }

  /** A poll at {@code now} skipped a record with the key. */
  void skippedAt(long now) {
    if (resumed.isDone()) {
      skippedAfterResume.incrementAndGet();
    } else {
      skipped.complete(now);
    }
  }

  /** The first poll that delivered the key. */
  CompletableFuture<Long> delivered() {
    return delivered;
  }

  /** The first poll that skipped the key. */
  CompletableFuture<Long> skipped() {
    return skipped;
  }

  /** The first poll that delivered the key after it was skipped. */
  CompletableFuture<Long> resumed() {
    return resumed;
  }

  /** The last poll that delivered the key before the first skip. */
  long lastDeliveredBeforeSkip() {
    return lastDeliveredBeforeSkip;
  }

  /** How many polls skipped the key again after it was delivered again. */
  int skippedAfterResume() {
    return skippedAfterResume.get();
  }
}
