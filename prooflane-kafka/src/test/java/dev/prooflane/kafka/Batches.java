package dev.prooflane.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Real kafka-clients batches, as a consumer's poll hands them to its interceptors. */
final class Batches {
  private final Map<TopicPartition, List<ConsumerRecord<String, String>>> records =
      new LinkedHashMap<>();

  /** Adds a record at the next offset of {@code topic-partition}, with {@code headers}. */
  Batches add(String topic, int partition, String value, String... headers) {
    TopicPartition tp = new TopicPartition(topic, partition);
    List<ConsumerRecord<String, String>> list = records.computeIfAbsent(tp, t -> new ArrayList<>());
    RecordHeaders recordHeaders = new RecordHeaders();
    for (int i = 0; i < headers.length; i += 2) {
      recordHeaders.add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    long offset = 100 + list.size();
    list.add(
        new ConsumerRecord<>(
            topic,
            partition,
            offset,
            1_765_000_000_000L,
            TimestampType.CREATE_TIME,
            -1,
            value.getBytes(StandardCharsets.UTF_8).length,
            null,
            value,
            recordHeaders,
            Optional.empty()));
    return this;
  }

  /** The batch, with the next offsets a consumer gives: past the last record of each partition. */
  ConsumerRecords<String, String> build() {
    Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
    records.forEach(
        (tp, list) -> next.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1)));
    return new ConsumerRecords<>(records, next);
  }

  static List<String> values(ConsumerRecords<String, String> records) {
    List<String> values = new ArrayList<>();
    records.forEach(r -> values.add(r.value()));
    return values;
  }
}
