package dev.prooflane.examples.shop.kafka;

import static java.util.Objects.requireNonNull;

import dev.prooflane.examples.shop.http.ServiceEnv;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Kafka service's settings from the environment: {@code KAFKA_BOOTSTRAP} (required), {@code
 * ORDERS_TOPIC} (default {@code orders}) and {@code KAFKA_INTERCEPTORS}, the consumer interceptors
 * to configure ({@code interceptor.classes}) when set — Prooflane's routing interceptor; without it
 * the shop runs as it would without Prooflane.
 *
 * @param bootstrap the broker's {@code host:port} list
 * @param topic the orders topic
 * @param interceptors the consumer interceptor classes, comma-separated, if any
 */
public record KafkaSettings(String bootstrap, String topic, Optional<String> interceptors) {
  /** The topic orders are published to unless {@code ORDERS_TOPIC} says otherwise. */
  public static final String ORDERS = "orders";

  public KafkaSettings {
    requireNonNull(bootstrap, "bootstrap");
    requireNonNull(topic, "topic");
    requireNonNull(interceptors, "interceptors");
  }

  /** The settings in {@code env}. */
  public static KafkaSettings of(ServiceEnv env) {
    return new KafkaSettings(
        env.setting(
            "KAFKA_BOOTSTRAP", "the broker's host:port list, e.g. KAFKA_BOOTSTRAP=127.0.0.1:9092"),
        env.optional("ORDERS_TOPIC").orElse(ORDERS),
        env.optional("KAFKA_INTERCEPTORS"));
  }

  /** A producer of text records that waits for every replica's acknowledgement. */
  public Map<String, Object> producer(String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return config;
  }

  /**
   * A consumer of text records in {@code group}, from the earliest record a new group has not seen
   * (a fork's new group finds the records that waited for it), with the interceptors if set. A
   * member that died without leaving (killed) gives its partitions back after 10 s instead of the
   * client's default 45 s, so that its replacement finds them sooner.
   */
  public Map<String, Object> consumer(String group, String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    interceptors.ifPresent(c -> config.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, c));
    return config;
  }
}
