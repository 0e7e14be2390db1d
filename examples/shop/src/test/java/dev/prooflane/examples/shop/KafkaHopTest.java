package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.actions.testing.TestBroker;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.examples.shop.http.JsonServer;
import dev.prooflane.examples.shop.http.ServiceEnv;
import dev.prooflane.examples.shop.http.SettingException;
import dev.prooflane.examples.shop.kafka.KafkaSettings;
import dev.prooflane.examples.shop.kafka.StandInInterceptor;
import dev.prooflane.examples.shop.notifier.Notifier;
import dev.prooflane.examples.shop.orders.OrdersService;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shop's asynchronous hop against a real broker: orders publishes what it is posted with the
 * request's trace context and baggage in the record headers; the notifier consumes it in its group
 * and lists it, with the interceptors {@code KAFKA_INTERCEPTORS} names.
 */
class KafkaHopTest {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final String topic = "orders-" + UUID.randomUUID();
  private final List<AutoCloseable> running = new ArrayList<>();
  private final CapturedConsole ordersConsole = new CapturedConsole();
  private final CapturedConsole notifierConsole = new CapturedConsole();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running) {
      c.close();
    }
  }

  @Test
  void anOrderCarriesItsRequestsBaggageAndTraceToTheNotifier() throws Exception {
    URI orders = orders("baseline");
    URI notifier = notifier("fix-1", Map.of());

    Answer posted =
        TestHttp.post(
            orders,
            "/orders",
            "{\"item\":\"book\",\"qty\":2}",
            "traceparent",
            TRACEPARENT,
            "baggage",
            "prooflane-key=k-abc,other=1");

    assertThat(posted.status()).isEqualTo(202);
    assertThat(posted.body().path("item").asText()).isEqualTo("book");
    assertThat(posted.body().path("topic").asText()).isEqualTo(topic);
    String order = posted.body().path("id").asText();
    JsonNode notified = awaitNotification(notifier, order);
    assertThat(notified.path("item").asText()).isEqualTo("book");
    assertThat(notified.path("qty").asLong()).isEqualTo(2);
    assertThat(notified.path("key").asText()).isEqualTo("k-abc");
    assertThat(notified.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(notified.path("servedBy").asText()).isEqualTo("fix-1");
    assertThat(notified.path("partition").asInt())
        .isEqualTo(posted.body().path("partition").asInt());
    assertThat(notified.path("offset").asLong()).isEqualTo(posted.body().path("offset").asLong());
    assertThat(ordersConsole.out())
        .anyMatch(
            l -> l.startsWith("orders baseline POST /orders status=202 key=k-abc order=" + order));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                notifierConsole.out().stream()
                    .anyMatch(
                        l ->
                            l.startsWith("notifier fix-1 notified order=" + order + " item=book")
                                && l.endsWith(" key=k-abc")));
  }

  @Test
  void theNotifierRunsTheInterceptorsKafkaInterceptorsNames() throws Exception {
    URI orders = orders("baseline");
    URI notifier =
        notifier("baseline", Map.of("KAFKA_INTERCEPTORS", StandInInterceptor.class.getName()));

    String keyed =
        TestHttp.post(
                orders, "/orders", "{\"item\":\"pen\",\"qty\":1}", "baggage", "prooflane-key=k1")
            .body()
            .path("id")
            .asText();
    String plain =
        TestHttp.post(orders, "/orders", "{\"item\":\"ink\",\"qty\":3}").body().path("id").asText();

    awaitNotification(notifier, plain);
    // records are consumed in order within a partition, but these two may sit in different ones:
    // the keyed one is judged when the notifier has read every partition to its end
    await().atMost(Duration.ofSeconds(30)).until(() -> consumedToTheEnd("notifier-baseline"));
    JsonNode all = TestHttp.get(notifier, "/notifications").body().path("notifications");
    List<String> ids = new ArrayList<>();
    all.forEach(n -> ids.add(n.path("order").asText()));
    assertThat(ids).contains(plain).doesNotContain(keyed);
  }

  @Test
  void aBadOrderIsRefusedNamingTheField() throws Exception {
    URI orders = orders("baseline");

    Answer answer = TestHttp.post(orders, "/orders", "{\"item\":\"book\",\"qty\":0}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().path("message").asText())
        .isEqualTo("qty: 0 (expected: a whole number >= 1)");
  }

  @Test
  void theBrokerAndTheGroupAreRequiredSettingsAndTheInterceptorsOptional() {
    ServiceEnv none = ServiceEnv.of("notifier", Map.of());
    assertThatThrownBy(() -> KafkaSettings.of(none))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("notifier: environment variable KAFKA_BOOTSTRAP is not set");

    KafkaSettings plain =
        KafkaSettings.of(ServiceEnv.of("notifier", Map.of("KAFKA_BOOTSTRAP", "h:1")));
    assertThat(plain.topic()).isEqualTo("orders");
    assertThat(plain.consumer("g", "c"))
        .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g")
        .doesNotContainKey(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG);
  }

  private URI orders(String servedBy) throws IOException {
    KafkaSettings kafka = settings(Map.of());
    OrdersService service =
        new OrdersService(
            new KafkaProducer<>(kafka.producer("orders-test")),
            kafka.topic(),
            servedBy,
            ordersConsole.console);
    JsonServer server = JsonServer.start("orders", 0, service::answer, service);
    running.add(server);
    return URI.create(server.address());
  }

  private URI notifier(String servedBy, Map<String, String> more) throws IOException {
    KafkaSettings kafka = settings(more);
    Notifier notifier =
        Notifier.start(
            new KafkaConsumer<>(kafka.consumer("notifier-" + servedBy, "notifier-test")),
            kafka.topic(),
            servedBy,
            notifierConsole.console);
    JsonServer server = JsonServer.start("notifier", 0, notifier::answer, notifier);
    running.add(server);
    URI uri = URI.create(server.address());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> TestHttp.get(uri, "/health").status() == 200);
    return uri;
  }

  private KafkaSettings settings(Map<String, String> more) {
    Map<String, String> vars = new HashMap<>(more);
    vars.put("KAFKA_BOOTSTRAP", TestBroker.shared().bootstrap());
    vars.put("ORDERS_TOPIC", topic);
    return KafkaSettings.of(ServiceEnv.of("test", vars));
  }

  private static JsonNode awaitNotification(URI notifier, String order) {
    List<JsonNode> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              TestHttp.get(notifier, "/notifications")
                  .body()
                  .path("notifications")
                  .forEach(
                      n -> {
                        if (n.path("order").asText().equals(order)) {
                          found.add(n);
                        }
                      });
              return !found.isEmpty();
            });
    return found.get(0);
  }

  /** Whether group {@code group} committed every partition of the topic to its end. */
  private boolean consumedToTheEnd(String group) throws InterruptedException {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.shared().bootstrap()))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
      return !committed.isEmpty()
          && committed.entrySet().stream()
              .allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
    } catch (ExecutionException e) {
      return false; // the group has not committed yet
    }
  }
}
