package dev.prooflane.actions.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.testing.Instance;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import dev.prooflane.actions.testing.SkillRuns;
import dev.prooflane.actions.testing.TestBroker;
import dev.prooflane.actions.testing.TestConsumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kafka.publish} and {@code kafka.expect} against a real broker, with consumers that stand
 * for a service's baseline and its fork and report their consumptions as hops.
 */
class KafkaActionsTest {
  private static final String PUBLISH_AND_EXPECT =
      """
      name: notify
      description: d
      whenToUse: w
      steps:
        - id: order
          action: kafka.publish
          with:
            topic: %1$s
            value: { item: book, qty: 2 }
        - id: notified
          action: kafka.expect
          with:
            topic: %1$s
            where: ${{ record.value.item == 'book' && record.offset == steps.order.outputs.offset }}
            timeout: %2$s
      """;

  /** An instance that never serves a request here: the notifier only consumes. */
  private static final Instance CONSUMES_ONLY = (req, log) -> Reply.text(404, "consumer only");

  private final String topic = "orders-" + UUID.randomUUID();
  private final List<TestConsumer> consumers = new ArrayList<>();
  private LoopbackEnvironment env;

  @BeforeEach
  void environment() throws IOException {
    env =
        new LoopbackEnvironment()
            .kafka(TestBroker.shared().bootstrap())
            .service("notifier", CONSUMES_ONLY)
            .sandbox("fix-1", "k-fix1", Map.of("notifier", CONSUMES_ONLY));
  }

  @AfterEach
  void close() {
    consumers.forEach(TestConsumer::close);
    env.close();
  }

  @Test
  void publishCarriesTheSandboxKeyInBaggageAndSaysWhereTheRecordWent() {
    RunResult r =
        runOne(
            "publish",
            "kafka.publish",
            "{topic: " + topic + ", value: {item: pen}, key: o-1, headers: {x-team: blue}}");

    StepResult step = SkillRuns.step(r, "publish");
    assertThat(step.verdict()).as(step.message()).isEqualTo(Verdict.PASS);
    ConsumerRecord<byte[], byte[]> record =
        readOne((long) step.outputs().get("partition"), (long) step.outputs().get("offset"));
    assertThat(text(record.value())).isEqualTo("{\"item\":\"pen\"}");
    assertThat(text(record.key())).isEqualTo("o-1");
    assertThat(text(record.headers().lastHeader("baggage").value()))
        .isEqualTo("prooflane-key=k-fix1");
    assertThat(TestConsumer.keyOf(record)).isEqualTo("k-fix1");
    assertThat(text(record.headers().lastHeader("x-team").value())).isEqualTo("blue");
    assertThat(text(record.headers().lastHeader("traceparent").value()))
        .contains((String) step.outputs().get("traceId"));
    assertThat(step.outputs()).containsEntry("keyed", true).containsEntry("topic", topic);
  }

  @Test
  void expectPassesWhenTheForkConsumedTheMatchingRecordAndTheConsumptionExercisesTheFork() {
    consume("fix-1", (rec, key) -> "k-fix1".equals(key));
    consume("baseline", (rec, key) -> !"k-fix1".equals(key));

    RunResult r = publishAndExpect("60s");

    StepResult expect = SkillRuns.step(r, "notified");
    assertThat(expect.verdict()).as(expect.message()).isEqualTo(Verdict.PASS);
    assertThat(expect.outputs()).containsEntry("servedBy", "fix-1");
    assertThat(expect.message())
        .contains("consumed by notifier (sandbox fix-1, group notifier-fix-1)");
    @SuppressWarnings("unchecked")
    Map<String, Object> record = (Map<String, Object>) expect.outputs().get("record");
    assertThat(record).containsEntry("value", Map.of("item", "book", "qty", 2L));
    assertThat(r.verdict()).as(r.message()).isEqualTo(Verdict.PASS);
    assertThat(r.coverage().exercised()).containsEntry("notifier", true);
    assertThat(r.message()).contains("keyed traffic reached notifier in sandbox 'fix-1'");
  }

  @Test
  void expectFailsWhenTheBaselineOfTheForkedConsumerConsumedTheRecord() {
    // a baseline consumer without the routing interceptor takes every record
    consume("baseline", (rec, key) -> true);

    RunResult r = publishAndExpect("60s");

    StepResult expect = SkillRuns.step(r, "notified");
    assertThat(expect.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(expect.message())
        .startsWith("record " + topic + "/")
        .contains(
            "was consumed by the baseline of notifier (group notifier-baseline), which sandbox"
                + " 'fix-1' forks: it carried the sandbox's key, so the baseline's consumer did"
                + " not skip it");
    assertThat(expect.outputs()).containsEntry("servedBy", "baseline");
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void expectTimesOutNamingTheTopicTheSandboxAndWhatItSaw() {
    RunResult r = publishAndExpect("2s");

    StepResult publish = SkillRuns.step(r, "order");
    StepResult expect = SkillRuns.step(r, "notified");
    assertThat(expect.verdict()).isEqualTo(Verdict.FAIL);
    String where =
        topic + "/" + publish.outputs().get("partition") + "@" + publish.outputs().get("offset");
    assertThat(expect.message())
        .isEqualTo(
            "no record of topic '"
                + topic
                + "' matching ${{ record.value.item == 'book' && record.offset =="
                + " steps.order.outputs.offset }} was consumed by sandbox fix-1 within 2s; seen: 1"
                + " record(s) on "
                + topic
                + " since the run began, 1 matching ("
                + where
                + ": not consumed); consumptions of "
                + topic
                + ": none reported");
    assertThat((double) expect.outputs().get("waitedMillis")).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void aProducerThatDropsTheKeyIsNamedWhenTheForkedConsumerNeverGetsItsRecord() throws Exception {
    consume("fix-1", (rec, key) -> "k-fix1".equals(key));
    consume("baseline", (rec, key) -> !"k-fix1".equals(key));
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      // orders keeps the trace context in the record it publishes but drops the baggage, and
      // answers once the record was consumed
      env.service(
          "orders",
          (req, log) -> {
            ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, req.body().getBytes(StandardCharsets.UTF_8));
            record.headers().add("traceparent", bytes(req.header("traceparent")));
            RecordMetadata sent = producer.send(record).get();
            await()
                .atMost(Duration.ofSeconds(30))
                .until(
                    () ->
                        env.hopsSince(0).stream()
                            .anyMatch(
                                h ->
                                    h.record() != null
                                        && h.record().partition() == sent.partition()
                                        && h.record().offset() == sent.offset()));
            return Reply.json(202, "{}");
          });

      RunResult r =
          runOne(
              "order",
              "http",
              "{service: orders, method: POST, path: /orders, body: {item: book}}");

      assertThat(r.verdict()).as(r.message()).isEqualTo(Verdict.INCONCLUSIVE);
      // the consumption shares the request's trace and was recorded before it was answered, but
      // it is no hop of the request
      assertThat((List<?>) SkillRuns.step(r, "order").outputs().get("hops")).hasSize(1);
      assertThat(r.message())
          .startsWith(
              "the change was not exercised: no request or record carrying key k-fix1 reached"
                  + " the forked service(s) notifier of sandbox 'fix-1'; the key reached orders"
                  + " (baseline); orders's records to notifier carried no key: orders (baseline)"
                  + " dropped it; last keyed hop: orders (baseline) POST /orders -> 202");
    }
  }

  @Test
  void anEnvironmentWithoutABrokerIsToldToDeclareOne() {
    env.kafka(null);

    RunResult r = runOne("publish", "kafka.publish", "{topic: orders, value: x}");

    assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(SkillRuns.step(r, "publish").message())
        .contains("the environment declares no kafka: section");
  }

  @Test
  void aPublishWithoutTheKeyIsAWriteToTheBaselineThatThePolicyMustAllow() {
    RunResult r =
        runOne("publish", "kafka.publish", "{topic: " + topic + ", value: x, inject: false}");

    assertThat(SkillRuns.step(r, "publish").message())
        .contains("is a write without the routing key")
        .contains("writes.allow [{service: kafka, methods: [POST], path: /" + topic + "}]");
  }

  private RunResult runOne(String id, String action, String with) {
    return SkillRuns.run(env, "fix-1", Map.of(), SkillRuns.oneStep(id, action, with));
  }

  private RunResult publishAndExpect(String timeout) {
    return SkillRuns.run(
        env,
        "fix-1",
        Map.of(),
        SkillRuns.parse("notify", PUBLISH_AND_EXPECT.formatted(topic, timeout)));
  }

  private void consume(String instance, TestConsumer.Delivery delivery) {
    consumers.add(TestConsumer.start(env, "notifier", instance, topic, delivery));
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.shared().bootstrap()),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private ConsumerRecord<byte[], byte[]> readOne(long partition, long offset) {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestBroker.shared().bootstrap()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition p = new TopicPartition(topic, (int) partition);
      c.assign(List.of(p));
      c.seek(p, offset);
      List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                c.poll(Duration.ofMillis(200)).forEach(got::add);
                return !got.isEmpty();
              });
      return got.get(0);
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
