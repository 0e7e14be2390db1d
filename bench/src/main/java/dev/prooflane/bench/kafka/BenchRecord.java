package dev.prooflane.bench.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The records the benchmark publishes, as an instrumented producer writes them: every one carries a
 * W3C {@code traceparent} header, a keyed one also a {@code baggage} header with the routing key
 * ({@code prooflane-key}, the daemon's default baggage member).
 */
final class BenchRecord {
  private BenchRecord() {}

  /** Record {@code seq} of {@code topic} with {@code value}, keyed with {@code key} unless null. */
  static ProducerRecord<byte[], byte[]> of(String topic, long seq, byte[] value, String key) {
    List<Header> headers = new ArrayList<>(2);
    headers.add(
        new RecordHeader(
            "traceparent",
            "00-%016x%016x-%016x-01"
                .formatted(0x5eedL, seq + 1, seq + 1)
                .getBytes(StandardCharsets.US_ASCII)));
    if (key != null) {
      headers.add(
          new RecordHeader(
              "baggage", ("prooflane-key=" + key).getBytes(StandardCharsets.US_ASCII)));
    }
    return new ProducerRecord<>(topic, (Integer) null, (byte[]) null, value, headers);
  }
}
