package dev.prooflane.actions.kafka;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.http.KeyInjection;
import dev.prooflane.actions.http.TraceContext;
import dev.prooflane.model.Durations;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.RecordPosition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code kafka.publish}: one record to a topic of the environment's broker. When the run targets a
 * sandbox the routing key goes into the record's headers in every form the environment configures
 * ({@code baggage} first), as a service instrumented with OpenTelemetry would write it, so that the
 * consumers' interceptors deliver it to the sandbox's forks only. A record sent without the key
 * reaches the baseline's consumers: a write to the baseline, which the policy's write guard refuses
 * unless {@code writes.allow} lists {@code {service: kafka, methods: [POST], path: /TOPIC}}.
 */
public final class KafkaPublishAction implements Action {
  /** The name the write guard knows a topic's consumers by. */
  static final String WRITE_SERVICE = "kafka";

  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "kafka.publish",
          "Publish one record to a topic of the environment's Kafka broker; the routing key is"
              + " injected in its headers (baggage) when the run targets a sandbox.",
          List.of(
              Field.required("topic", "string", "the topic"),
              Field.required(
                  "value",
                  "any",
                  "the record's value: text as it is, anything else as JSON (a mapping, a list,"
                      + " a number)"),
              Field.optional("key", "string", "the record's key (its partition); default none"),
              Field.optional(
                  "headers",
                  "object",
                  "record headers, name to text; the routing key is added to baggage (and the"
                      + " other configured carriers), and a traceparent unless one is given"),
              Field.optional(
                  "inject",
                  "boolean",
                  "false publishes without the routing key (the baseline's consumers get it: a"
                      + " write the policy must allow); default true"),
              Field.optional(
                  "timeout",
                  "duration",
                  "how long the broker may take to acknowledge it; default: the step's remaining"
                      + " time")),
          List.of(
              Field.required("topic", "string", "the topic"),
              Field.required("partition", "integer", "the partition the record went to"),
              Field.required("offset", "integer", "its offset in that partition"),
              Field.required("timestamp", "string", "its timestamp, ISO-8601"),
              Field.required("headers", "object", "the headers sent, the injected ones included"),
              Field.required("keyed", "boolean", "whether the routing key went with it"),
              Field.required("traceId", "string", "the W3C trace id the record carried")),
          """
          - id: order
            action: kafka.publish
            with:
              topic: orders
              value: { item: book, qty: 2 }
          """);

  private static final Set<String> KNOWN = DESCRIPTOR.inputNames();

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws Exception {
    input.rejectUnknown(KNOWN);
    String topic = input.string("topic");
    if (topic.isBlank()) {
      throw input.error("topic", "empty (expected: a topic name)");
    }
    if (!input.fields().contains("value")) {
      throw input.error("value", "missing (required)");
    }
    byte[] value = bytes(input.value("value"));
    byte[] key =
        input.optionalString("key").map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
    Map<String, String> headers = headers(input);
    boolean keyed = context.sandbox().isPresent() && input.bool("inject", true);
    Duration left = context.timeLeft("publish to " + topic);
    Duration timeout = input.duration("timeout").filter(t -> t.compareTo(left) < 0).orElse(left);
    Map<String, Object> config = Broker.clientConfig(context, "kafka.publish");
    if (!keyed) {
      context.guard().admitRequest(context.stepId(), "POST", WRITE_SERVICE, "/" + topic, false);
    }
    if (keyed) {
      KeyInjection.headers(
          headers, context.runtime().keyNames(), context.sandbox().orElseThrow().key().value());
    }
    String traceId =
        headers.containsKey("traceparent")
            ? TraceContext.traceIdOf(headers.get("traceparent")).orElse("")
            : traceparent(headers, context, topic);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, key, value);
    headers.forEach(
        (name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
    RecordMetadata sent = send(record, config, timeout, context);
    Map<String, Object> shown = new LinkedHashMap<>(headers);
    return ActionResult.builder()
        .output("topic", topic)
        .output("partition", (long) sent.partition())
        .output("offset", sent.offset())
        .output("timestamp", Instant.ofEpochMilli(sent.timestamp()).toString())
        .output("headers", shown)
        .output("keyed", keyed)
        .output("traceId", traceId)
        .message(
            "published "
                + RecordView.describe(
                    new RecordPosition(topic, sent.partition(), sent.offset(), ""))
                + (keyed
                    ? " with the key of sandbox '" + context.sandbox().orElseThrow().name() + "'"
                    : " without the routing key"))
        .build();
  }

  private static String traceparent(
      Map<String, String> headers, ActionContext context, String topic) {
    TraceContext trace =
        TraceContext.derive(context.runId(), context.stepId(), "kafka.publish " + topic);
    headers.put("traceparent", trace.header());
    return trace.traceId();
  }

  private static RecordMetadata send(
      ProducerRecord<byte[], byte[]> record,
      Map<String, Object> config,
      Duration timeout,
      ActionContext context)
      throws InterruptedException {
    Map<String, Object> producer = new LinkedHashMap<>(config);
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1, timeout.toMillis()));
    String broker = String.valueOf(config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())) {
      try {
        return p.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        p.close(Duration.ZERO);
        throw new ProoflaneException(
            "step '"
                + context.stepId()
                + "' (kafka.publish): the broker at "
                + broker
                + " did not acknowledge the record to topic '"
                + record.topic()
                + "' within "
                + Durations.format(timeout)
                + " (is it up? prooflane status)");
      } catch (ExecutionException e) {
        p.close(Duration.ZERO);
        throw new ProoflaneException(
            "step '"
                + context.stepId()
                + "' (kafka.publish): topic '"
                + record.topic()
                + "' on "
                + broker
                + ": "
                + e.getCause().getMessage(),
            e.getCause());
      }
    }
  }

  private static byte[] bytes(Object value) {
    String text = value instanceof String s ? s : Values.toJson(value).toString();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(ActionInput input) {
    Map<String, String> out = new LinkedHashMap<>();
    input
        .map("headers")
        .forEach(
            (name, v) -> {
              if (Values.isNull(v) || v instanceof Map<?, ?> || v instanceof List<?>) {
                throw input.error("headers." + name, "expected text, got " + Values.text(v));
              }
              out.put(name, v instanceof String s ? s : Values.text(v));
            });
    return out;
  }
}
