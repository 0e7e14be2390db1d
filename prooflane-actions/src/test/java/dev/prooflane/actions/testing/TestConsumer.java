package dev.prooflane.actions.testing;

import dev.prooflane.actions.http.TraceContext;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RecordPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One consuming instance of a service (its baseline or a sandbox's fork) on a thread of its own, in
 * group {@code service-instance}: it processes the records its {@link Delivery} accepts and records
 * a consumption hop for each in the environment, as the routing interceptor reports them to the
 * daemon; it skips the others. Until closed.
 */
public final class TestConsumer implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;

  private TestConsumer(KafkaConsumer<byte[], byte[]> consumer, Thread thread) {
    this.consumer = consumer;
    this.thread = thread;
  }

  /** Which records an instance processes, given the routing key each carries (or null). */
  @FunctionalInterface
  public interface Delivery {
    boolean accepts(ConsumerRecord<byte[], byte[]> record, String key);
  }

  /**
   * Starts instance {@code instance} of {@code service} consuming {@code topic} of the broker
   * {@code env} declares, from the earliest record.
   */
  public static TestConsumer start(
      LoopbackEnvironment env, String service, String instance, String topic, Delivery deliver) {
    String group = service + "-" + instance;
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                env.kafkaBootstrap().orElseThrow(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    Thread thread =
        new Thread(
            () -> {
              try {
                consumer.subscribe(List.of(topic));
                while (true) {
                  for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    String key = keyOf(r);
                    if (deliver.accepts(r, key)) {
                      env.consumed(
                          service,
                          instance,
                          traceIdOf(r),
                          key,
                          new RecordPosition(r.topic(), r.partition(), r.offset(), group));
                    }
                  }
                }
              } catch (WakeupException e) {
                // closed
              } finally {
                consumer.close();
              }
            },
            "test-consumer-" + group);
    thread.setDaemon(true);
    thread.start();
    return new TestConsumer(consumer, thread);
  }

  /** The routing key in a record's {@code baggage} header, or null. */
  public static String keyOf(ConsumerRecord<byte[], byte[]> record) {
    String baggage = header(record, "baggage");
    if (baggage == null) {
      return null;
    }
    for (String member : baggage.split(",")) {
      String[] parts = member.split(";", 2)[0].split("=", 2);
      if (parts.length == 2 && parts[0].trim().equals(KeyNames.DEFAULT.baggage())) {
        return parts[1].trim();
      }
    }
    return null;
  }

  private static String traceIdOf(ConsumerRecord<byte[], byte[]> record) {
    String traceparent = header(record, "traceparent");
    return traceparent == null ? null : TraceContext.traceIdOf(traceparent).orElse(null);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
