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
 * A stand-in for Prooflane's routing interceptor, as if every key belonged to a sandbox forking the
 * consumer: the baseline (no {@code PROOFLANE_SANDBOX}) hides the records whose {@code baggage}
 * carries a routing key, a fork sees only those. Proof that {@code KAFKA_INTERCEPTORS} reaches
 * {@code interceptor.classes}.
 */
public final class StandInInterceptor implements ConsumerInterceptor<String, String> {
  private final boolean fork = System.getenv("PROOFLANE_SANDBOX") != null;

  @Override
  public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
    Map<TopicPartition, List<ConsumerRecord<String, String>>> kept = new HashMap<>();
    for (ConsumerRecord<String, String> r : records) {
      var baggage = r.headers().lastHeader("baggage");
      boolean keyed =
          baggage != null
              && new String(baggage.value(), StandardCharsets.UTF_8).contains("prooflane-key=");
      if (keyed == fork) {
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
