package dev.prooflane.cli;

import static java.util.Objects.requireNonNull;

import dev.prooflane.cli.KafkaTraffic.Sent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Publishes a record at a fixed rate on a thread of its own, round the partitions, while a test
 * changes something: the i-th keyed by {@code key.apply(i)} (null: unkeyed).
 */
final class Publisher {
  private final List<CompletableFuture<Sent>> sends = new ArrayList<>();
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

  Publisher(KafkaTraffic traffic, int partitions, IntFunction<String> key, long everyMillis) {
    requireNonNull(traffic, "traffic");
    requireNonNull(key, "key");
    AtomicInteger next = new AtomicInteger();
    thread.scheduleAtFixedRate(
        () -> {
          int i = next.getAndIncrement();
          CompletableFuture<Sent> sent = traffic.send(i % partitions, key.apply(i));
          synchronized (sends) {
            sends.add(sent);
          }
        },
        0,
        everyMillis,
        TimeUnit.MILLISECONDS);
  }

  /** The records the broker took so far. */
  List<Sent> sent() {
    synchronized (sends) {
      return sends.stream()
          .filter(s -> s.isDone() && !s.isCompletedExceptionally())
          .map(CompletableFuture::join)
          .toList();
    }
  }

  /** Stops publishing; answers every record published, once the broker took it. */
  List<Sent> stop() throws Exception {
    thread.shutdown();
    if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the publisher did not stop in 60 s");
    }
    synchronized (sends) {
      return KafkaTraffic.all(sends);
    }
  }
}
