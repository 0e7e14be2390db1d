package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingConsumerInterceptorTest {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final TestDaemon daemon = TestDaemon.start();
  private RoutingConsumerInterceptor<String, String> interceptor;

  @AfterEach
  void stop() {
    if (interceptor != null) {
      interceptor.close();
    }
    daemon.close();
  }

  private RoutingConsumerInterceptor<String, String> interceptor(String sandbox, String group) {
    interceptor = new RoutingConsumerInterceptor<>(Map.of());
    interceptor.configure(daemon.consumerConfig("notifier", sandbox, group));
    return interceptor;
  }

  private static ConsumerRecords<String, String> mixedBatch() {
    return new Batches()
        .add("orders", 0, "unkeyed")
        .add(
            "orders",
            0,
            "fix-1 baggage",
            "baggage",
            "prooflane-key=k-abc",
            "traceparent",
            TRACEPARENT)
        .add("orders", 1, "fix-2 header", "x-prooflane-key", "k-def")
        .add("orders", 1, "other sandbox", "tracestate", "prooflane-key=k-ghi")
        .add("orders", 2, "unknown key", "baggage", "prooflane-key=k-nobody")
        .build();
  }

  @Test
  void baselineSkipsRecordsOfSandboxesThatForkItsServiceEvenWhenTheForkIsDown() {
    daemon.routes(
        "fix-1,k-abc,notifier=up", "fix-2,k-def,notifier=down,orders=up", "fix-3,k-ghi,orders=up");
    ConsumerRecords<String, String> batch = mixedBatch();

    ConsumerRecords<String, String> delivered =
        interceptor(null, "notifier-baseline").onConsume(batch);

    assertThat(Batches.values(delivered))
        .containsExactly("unkeyed", "other sandbox", "unknown key");
    assertThat(delivered.nextOffsets()).isEqualTo(batch.nextOffsets());
    assertThat(delivered.nextOffsets())
        .containsEntry(new TopicPartition("orders", 0), new OffsetAndMetadata(102));
  }

  @Test
  void forkTakesOnlyRecordsWithItsSandboxKey() {
    daemon.routes("fix-1,k-abc,notifier=up", "fix-2,k-def,notifier=up");

    ConsumerRecords<String, String> delivered =
        interceptor("fix-2", "notifier-fix-2").onConsume(mixedBatch());

    assertThat(Batches.values(delivered)).containsExactly("fix-2 header");
    assertThat(delivered.partitions()).containsExactly(new TopicPartition("orders", 1));
  }

  @Test
  void aDeletedSandboxsKeyGoesToTheBaselineFromTheNextPoll() {
    daemon.routes("fix-1,k-abc,notifier=up");
    RoutingConsumerInterceptor<String, String> baseline = interceptor(null, "notifier-baseline");
    ConsumerRecords<String, String> keyed =
        new Batches().add("orders", 0, "keyed", "baggage", "prooflane-key=k-abc").build();
    assertThat(Batches.values(baseline.onConsume(keyed))).isEmpty();

    daemon.routes();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(Batches.values(baseline.onConsume(keyed))).containsExactly("keyed"));
  }

  @Test
  void anInvalidOrConflictingKeyCountsAsNoKey() {
    daemon.routes("fix-1,k-abc,notifier=up");
    ConsumerRecords<String, String> batch =
        new Batches()
            .add("orders", 0, "invalid", "x-prooflane-key", "not a key!")
            .add(
                "orders", 0, "conflict", "baggage", "prooflane-key=k-abc", "x-prooflane-key", "k-x")
            .build();

    assertThat(Batches.values(interceptor(null, "notifier-baseline").onConsume(batch)))
        .containsExactly("invalid", "conflict");
  }

  @Test
  void holdsTheFirstBatchUntilTheFirstRoutesArrive() throws Exception {
    daemon.routesStatus(503);
    daemon.routes("fix-1,k-abc,notifier=up");
    RoutingConsumerInterceptor<String, String> baseline = interceptor(null, "notifier-baseline");

    CompletableFuture<ConsumerRecords<String, String>> poll =
        CompletableFuture.supplyAsync(() -> baseline.onConsume(mixedBatch()));
    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.routeQueries().size() >= 2);
    assertThat(poll).isNotDone();

    daemon.routesStatus(200);

    assertThat(Batches.values(poll.get(20, TimeUnit.SECONDS)))
        .containsExactly("unkeyed", "fix-2 header", "other sandbox", "unknown key");
  }

  @Test
  void reportsEachDeliveredRecordAsAConsumption() {
    daemon.routes("fix-1,k-abc,notifier=up");

    interceptor("fix-1", "notifier-fix-1").onConsume(mixedBatch());

    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.consumedRecords().size() == 1);
    JsonNode body = daemon.consumptions().get(0);
    assertThat(body.path("service").asText()).isEqualTo("notifier");
    assertThat(body.path("instance").asText()).isEqualTo("fix-1");
    assertThat(body.path("group").asText()).isEqualTo("notifier-fix-1");
    JsonNode record = body.path("records").get(0);
    assertThat(record.path("topic").asText()).isEqualTo("orders");
    assertThat(record.path("partition").asInt()).isEqualTo(0);
    assertThat(record.path("offset").asLong()).isEqualTo(101);
    assertThat(record.path("key").asText()).isEqualTo("k-abc");
    assertThat(record.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(record.path("size").asInt()).isEqualTo("fix-1 baggage".length());
    assertThat(record.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void reportsUnkeyedRecordsWithNullKeyAndTrace() {
    daemon.routes();

    interceptor(null, "notifier-baseline")
        .onConsume(new Batches().add("orders", 3, "plain").build());

    await().atMost(Duration.ofSeconds(10)).until(() -> daemon.consumedRecords().size() == 1);
    JsonNode record = daemon.consumedRecords().get(0);
    assertThat(record.path("key").isNull()).isTrue();
    assertThat(record.path("traceId").isNull()).isTrue();
    assertThat(daemon.consumptions().get(0).path("instance").asText()).isEqualTo("baseline");
  }

  @Test
  void aBatchWithNothingToSkipIsPassedOnAsItIs() {
    daemon.routes();
    ConsumerRecords<String, String> batch = mixedBatch();

    assertThat(interceptor(null, "notifier-baseline").onConsume(batch)).isSameAs(batch);
  }

  @Test
  void aConsumerWithoutTheSettingsFailsToConfigure() {
    RoutingConsumerInterceptor<String, String> unconfigured =
        new RoutingConsumerInterceptor<>(Map.of("PROOFLANE_API", daemon.api().toString()));

    assertThatThrownBy(() -> unconfigured.configure(Map.of("group.id", "g")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("prooflane.token")
        .hasMessageContaining("PROOFLANE_SERVICE_TOKEN");
  }

  @Test
  void readsItsSettingsFromTheEnvironmentTheDaemonGives() {
    daemon.routes("fix-1,k-abc,notifier=up");
    interceptor =
        new RoutingConsumerInterceptor<>(
            Map.of(
                "PROOFLANE_API",
                daemon.api().toString(),
                "PROOFLANE_SERVICE_TOKEN",
                TestDaemon.TOKEN,
                "PROOFLANE_SERVICE",
                "notifier",
                "PROOFLANE_SANDBOX",
                "fix-1"));
    interceptor.configure(Map.of("group.id", "notifier-fix-1"));

    assertThat(Batches.values(interceptor.onConsume(mixedBatch())))
        .isEqualTo(List.of("fix-1 baggage"));
  }
}
