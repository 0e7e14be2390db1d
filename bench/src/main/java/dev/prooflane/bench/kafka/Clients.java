package dev.prooflane.bench.kafka;

import static java.util.Objects.requireNonNull;

import dev.prooflane.kafka.RoutingConsumerInterceptor;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The settings of the benchmark's Kafka clients: a plain consumer (the peer), a consumer with
 * Prooflane's interceptor as a service configures it (properties only), and producers.
 *
 * @param bootstrap the broker, {@code host:port}
 * @param api the daemon's API base, such as {@code http://127.0.0.1:7474/api/v1}
 * @param token a token with the scopes {@code sandbox:read} and {@code hops:write}
 * @param service the service the routed consumers belong to
 */
record Clients(String bootstrap, String api, String token, String service) {
  Clients {
    requireNonNull(bootstrap, "bootstrap");
    requireNonNull(api, "api");
    requireNonNull(token, "token");
    requireNonNull(service, "service");
  }

  /** A consumer of byte arrays in {@code group}, from the earliest offset, no interceptor. */
  Properties plain(String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, group);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return p;
  }

  /**
   * {@link #plain} with the routing interceptor for {@code instance} of the service: {@code
   * baseline} or a sandbox's name.
   */
  Properties routed(String group, String instance) {
    Properties p = plain(group);
    p.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, RoutingConsumerInterceptor.class.getName());
    p.put("prooflane.api", api);
    p.put("prooflane.token", token);
    p.put("prooflane.service", service);
    p.put("prooflane.sandbox", instance);
    return p;
  }

  /** A producer of byte arrays that waits {@code lingerMs} to fill a batch. */
  Properties producer(int lingerMs) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }
}
