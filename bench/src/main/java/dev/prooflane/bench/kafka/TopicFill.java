package dev.prooflane.bench.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Fills the throughput benchmark's topic: small records, every third keyed, the rest unkeyed. */
final class TopicFill {
  /** The size of each record's value, in bytes. */
  static final int VALUE_BYTES = 100;

  private TopicFill() {}

  /**
   * Publishes {@code records} records to {@code topic}, every third ({@code seq % 3 == 0}) keyed
   * with {@code key}, and returns once the broker has them all.
   *
   * @throws IllegalStateException when the broker refused one
   */
  static void fill(Clients clients, String topic, int records, String key) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(20))) {
      for (long seq = 0; seq < records && failure.get() == null; seq++) {
        producer.send(
            BenchRecord.of(topic, seq, value(seq), seq % 3 == 0 ? key : null),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "filling " + topic + ": the broker refused a record", failure.get());
    }
  }

  /** {@value #VALUE_BYTES} bytes: a small JSON order, padded. */
  private static byte[] value(long seq) {
    byte[] start = ("{\"order\":" + seq + ",\"note\":\"").getBytes(StandardCharsets.US_ASCII);
    byte[] value = Arrays.copyOf(start, VALUE_BYTES);
    Arrays.fill(value, start.length, VALUE_BYTES - 2, (byte) 'x');
    value[VALUE_BYTES - 2] = '"';
    value[VALUE_BYTES - 1] = '}';
    return value;
  }
}
