package dev.prooflane.cli;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes orders to the demo shop's topic with the real Kafka client, as an instrumented service
 * does: a keyed record carries its sandbox's key in the W3C {@code baggage} header, under the name
 * the daemon's Kafka routes give.
 */
final class KafkaTraffic implements AutoCloseable {
  static final String TOPIC = "orders";

  private final KafkaProducer<String, String> producer;
  private final String baggageName;
  private final AtomicLong orders = new AtomicLong();

  /**
   * A record the broker took.
   *
   * @param partition its partition
   * @param offset its offset
   * @param key the routing key its baggage carried, or null for an unkeyed record
   */
  record Sent(int partition, long offset, String key) {
    /** Where it is, as the hops name it. */
    Consumptions.Position position() {
      return new Consumptions.Position(partition, offset);
    }

    @Override
    public String toString() {
      return TOPIC + "/" + partition + "@" + offset + (key == null ? " unkeyed" : " key=" + key);
    }
  }

  KafkaTraffic(String bootstrap, String baggageName) {
    this.baggageName = requireNonNull(baggageName, "baggageName");
    this.producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG,
                "kafka-routing-it",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()));
  }

  /** Publishes an order to {@code partition}, with {@code key} in its baggage unless null. */
  CompletableFuture<Sent> send(int partition, String key) {
    String id = "e2e-" + orders.incrementAndGet();
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            TOPIC, partition, id, "{\"id\":\"" + id + "\",\"item\":\"book\",\"qty\":1}");
    if (key != null) {
      record.headers().add("baggage", (baggageName + "=" + key).getBytes(StandardCharsets.UTF_8));
    }
    CompletableFuture<Sent> sent = new CompletableFuture<>();
    producer.send(
        record,
        (metadata, failure) -> {
          if (failure != null) {
            sent.completeExceptionally(failure);
          } else {
            sent.complete(new Sent(metadata.partition(), metadata.offset(), key));
          }
        });
    return sent;
  }

  /** Publishes an order and waits until the broker took it. */
  Sent sendNow(int partition, String key) throws Exception {
    return send(partition, key).get(60, TimeUnit.SECONDS);
  }

  /** Waits until the broker took every one of {@code sends}. */
  static List<Sent> all(List<CompletableFuture<Sent>> sends) throws Exception {
    List<Sent> out = new ArrayList<>(sends.size());
    for (CompletableFuture<Sent> send : sends) {
      out.add(send.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  @Override
  public void close() {
    producer.close();
  }
}
