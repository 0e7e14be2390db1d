// Run by ShadedJarIT with the source launcher (java -cp <jars> ShadedProbe.java <api> <token>) in
// a JVM whose class path holds only the shaded interceptor jar, kafka-clients and slf4j-api: the
// class path of a service that adds the interceptor. Prints one line per check.

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;

public class ShadedProbe {
  public static void main(String[] args) throws Exception {
    String api = args[0];
    String token = args[1];
    try {
      Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
      System.out.println("jackson: visible");
    } catch (ClassNotFoundException e) {
      System.out.println("jackson: absent");
    }

    Properties props = new Properties();
    props.put("bootstrap.servers", "127.0.0.1:9");
    props.put("group.id", "notifier-baseline");
    props.put("key.deserializer", StringDeserializer.class.getName());
    props.put("value.deserializer", StringDeserializer.class.getName());
    props.put("interceptor.classes", "dev.prooflane.kafka.RoutingConsumerInterceptor");
    props.put("prooflane.api", api);
    props.put("prooflane.token", token);
    props.put("prooflane.service", "notifier");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      System.out.println("consumer: constructed");
    }

    props.remove("prooflane.token");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      System.out.println("consumer without token: constructed");
    } catch (Exception e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      System.out.println("consumer without token: " + cause.getClass().getName() + ": " + cause.getMessage());
    }

    @SuppressWarnings("unchecked")
    ConsumerInterceptor<String, String> interceptor =
        (ConsumerInterceptor<String, String>)
            Class.forName("dev.prooflane.kafka.RoutingConsumerInterceptor")
                .getConstructor()
                .newInstance();
    Map<String, Object> configs = new HashMap<>();
    configs.put("group.id", "notifier-baseline");
    configs.put("prooflane.api", api);
    configs.put("prooflane.token", token);
    configs.put("prooflane.service", "notifier");
    interceptor.configure(configs);
    TopicPartition tp = new TopicPartition("orders", 0);
    List<ConsumerRecord<String, String>> list = new ArrayList<>();
    list.add(record(0, "unkeyed", null));
    list.add(record(1, "keyed", "prooflane-key=k-abc"));
    ConsumerRecords<String, String> delivered =
        interceptor.onConsume(
            new ConsumerRecords<>(Map.of(tp, list), Map.of(tp, new OffsetAndMetadata(2))));
    List<String> values = new ArrayList<>();
    delivered.forEach(r -> values.add(r.value()));
    System.out.println("delivered: " + values);
    interceptor.close();
  }

  private static ConsumerRecord<String, String> record(long offset, String value, String baggage) {
    RecordHeaders headers = new RecordHeaders();
    if (baggage != null) {
      headers.add("baggage", baggage.getBytes(StandardCharsets.UTF_8));
    }
    return new ConsumerRecord<>(
        "orders", 0, offset, 0L, TimestampType.CREATE_TIME, -1, value.length(), null, value,
        headers, Optional.empty());
  }
}
