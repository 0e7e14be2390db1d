package dev.prooflane.bench.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The baseline consumer of the route-change measurement, polling continuously on its own thread:
 * from the pairs {@link KeyedPacer} publishes (a keyed record, then an unkeyed marker naming it),
 * it tells for each marker whether the keyed record before it was delivered or skipped, and notes
 * it in the key's {@link KeyTimeline}.
 */
final class BaselineWatch {
  private final Map<String, KeyTimeline> timelines = new ConcurrentHashMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long delivered;

  /** A watch of {@code topic} (one partition) with a consumer of {@code settings}; not started. */
  BaselineWatch(Properties settings, String topic) {
    consumer = new KafkaConsumer<>(settings);
    consumer.subscribe(List.of(topic));
    thread = new Thread(this::run, "baseline-watch");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** What the consumer saw of {@code key}. */
  KeyTimeline timeline(String key) {
    return timelines.computeIfAbsent(key, k -> new KeyTimeline());
  }

  /**
   * Throws if the consumer's thread failed.
   *
   * @throws IllegalStateException with the failure as its cause
   */
  void requireRunning() {
    if (failure.get() != null) {
      throw new IllegalStateException("the baseline consumer failed", failure.get());
    }
  }

  /** How many records the consumer was given so far. */
  long delivered() {
    return delivered;
  }

  private void run() {
    long lastKeyed = -1;
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        delivered += records.count();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          // "SEQ K KEY" (the keyed record) or "SEQ M KEY" (its unkeyed marker)
          String[] words = new String(record.value(), StandardCharsets.US_ASCII).split(" ");
          long seq = Long.parseLong(words[0]);
          if (words[1].equals(KeyedPacer.KEYED)) {
            lastKeyed = seq;
            timeline(words[2]).deliveredAt(now);
          } else if (lastKeyed != seq) {
            timeline(words[2]).skippedAt(now);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure.set(e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Stops polling and closes the consumer (its last consumption reports sent). */
  void stop() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
