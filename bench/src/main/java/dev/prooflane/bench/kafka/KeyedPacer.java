package dev.prooflane.bench.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Publishes to one topic, about every millisecond, a pair: a record keyed with the current key
 * ({@code "SEQ K KEY"}) and an unkeyed marker after it ({@code "SEQ M KEY"}), so that a consumer
 * can tell, at each marker, whether it was given the keyed record before.
 */
final class KeyedPacer {
  static final String KEYED = "K";
  static final String MARKER = "M";
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final Thread thread;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile String key;
  private volatile boolean running = true;

  KeyedPacer(Clients clients, String topic) {
    this.producer = new KafkaProducer<>(clients.producer(0));
    this.topic = topic;
    this.thread = new Thread(this::run, "keyed-pacer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** From the next pair on, the keyed records carry {@code key}. */
  void key(String key) {
    this.key = key;
  }

  /**
   * Throws if a record was refused.
   *
   * @throws IllegalStateException with the broker's refusal as its cause
   */
  void requireRunning() {
    if (failure.get() != null) {
      throw new IllegalStateException("publishing to " + topic + " failed", failure.get());
    }
  }

  private void run() {
    long seq = 0;
    while (running) {
      String k = key;
      if (k != null) {
        send(seq, KEYED, k, k);
        send(seq, MARKER, k, null);
        seq++;
      }
      LockSupport.parkNanos(PERIOD_NANOS);
    }
  }

  private void send(long seq, String kind, String key, String routingKey) {
    byte[] value = (seq + " " + kind + " " + key).getBytes(StandardCharsets.US_ASCII);
    producer.send(
        BenchRecord.of(topic, seq, value, routingKey),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  /** Stops publishing, once the records sent so far are with the broker. */
  void stop() throws InterruptedException {
    running = false;
    thread.join(5_000);
    producer.close();
  }
}
