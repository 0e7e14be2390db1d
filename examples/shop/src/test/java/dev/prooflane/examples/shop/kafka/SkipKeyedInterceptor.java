package dev.prooflane.examples.shop.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer interceptor that hides the records whose {@code baggage} header carries a routing key,
 * as Prooflane's does for the baseline of a forked consumer: proof that {@code KAFKA_INTERCEPTORS}
 * reaches {@code interceptor.classes}.
 */
public final class SkipKeyedInterceptor implements ConsumerInterceptor<String, String> {
  @Override
  public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
    Map<TopicPartition, List<ConsumerRecord<String, String>>> kept = new HashMap<>();
    for (ConsumerRecord<String, String> r : records) {
      var baggage = r.headers().lastHeader("baggage");
      if (baggage == null
          || !new String(baggage.value(), StandardCharsets.UTF_8).contains("prooflane-key=")) {
        kept.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new ArrayList<>())
            .add(r);
      }
    }
    return new ConsumerRecords<>(kept, records.nextOffsets());
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
