package dev.prooflane.actions.kafka;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.Deferred;
import dev.prooflane.actions.expr.ExpressionException;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.http.HopPath;
import dev.prooflane.model.Durations;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.SandboxInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code kafka.expect}: waits until a record of a topic that matches a CEL predicate, published
 * since the run began, was consumed by the sandbox's fork of a consumer — the consumption hop its
 * interceptor reported names the record's topic, partition and offset and the sandbox as the
 * instance that consumed it. It FAILs at once when the baseline of a service the sandbox forks
 * consumed a matching record (saying whether the record carried the key), and when the time is up,
 * naming the topic, the sandbox and what it saw. Against the baseline, a consumption by the
 * baseline passes.
 */
public final class KafkaExpectAction implements Action {
  private static final Duration POLL = Duration.ofMillis(200);

  /** Time kept back to report a record that never came before the step times out. */
  private static final Duration RESERVE = Duration.ofMillis(300);

  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "kafka.expect",
          "Wait until a record matching a CEL predicate was consumed by the sandbox's fork of a"
              + " consumer, and fail if the baseline consumed it.",
          List.of(
              Field.required("topic", "string", "the topic"),
              Field.optional(
                  "where",
                  "expression",
                  "a ${{ }} condition on record.key, record.value (JSON when it parses, else"
                      + " text), record.headers, record.partition, record.offset; default: any"
                      + " record published since the run began"),
              Field.optional(
                  "service",
                  "string",
                  "the consumer that must consume it; default: any service the sandbox forks"),
              Field.optional(
                  "timeout", "duration", "how long to wait; default: the step's remaining time")),
          List.of(
              Field.required(
                  "record",
                  "object",
                  "the matching record: topic, partition, offset, timestamp, key, value, headers"),
              Field.required(
                  "consumption",
                  "object",
                  "its consumption hop: service, servedBy, group, routingKey, traceId, time"),
              Field.required(
                  "servedBy", "string", "baseline or the sandbox whose fork consumed it"),
              Field.required("waitedMillis", "number", "how long the step waited")),
          """
          - id: notified
            action: kafka.expect
            with:
              topic: orders
              where: ${{ record.value.item == "book" }}
              timeout: 20s
          """);

  private static final Set<String> KNOWN = DESCRIPTOR.inputNames();

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** {@code where:} is evaluated against each record. */
  @Override
  public Set<String> deferredFields() {
    return Set.of("where");
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws Exception {
    input.rejectUnknown(KNOWN);
    String topic = input.string("topic");
    Optional<Deferred> where = input.deferred("where");
    Optional<String> service = input.optionalString("service");
    Optional<SandboxInfo> sandbox = context.sandbox();
    if (service.isPresent() && !context.runtime().services().contains(service.get())) {
      throw input.error(
          "service",
          "'"
              + service.get()
              + "' is no service of the environment (known: "
              + String.join(", ", context.runtime().services())
              + ")");
    }
    String target = sandbox.map(SandboxInfo::name).orElse("baseline");
    Duration left = context.timeLeft("wait for a record of " + topic).minus(RESERVE);
    Duration timeout = input.duration("timeout").filter(t -> t.compareTo(left) < 0).orElse(left);
    Map<String, Object> config = new LinkedHashMap<>(Broker.clientConfig(context, "kafka.expect"));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    long start = System.nanoTime();
    long deadline = start + Math.max(0, timeout.toNanos());
    Sightings seen = new Sightings(topic);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      boolean assigned = false;
      while (true) {
        if (!assigned) {
          assigned = assign(consumer, topic, context);
          if (assigned) {
            seen.topicFound();
          }
        }
        if (assigned) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
            RecordView view = RecordView.of(r);
            try {
              seen.read(view, matches(where, input, view));
            } catch (ExpressionException e) {
              seen.unjudged(e.getMessage());
            }
          }
        } else {
          Thread.sleep(POLL.toMillis());
        }
        List<HopEntry> hops =
            context.runtime().hopsSince(context.runHopCursor()).stream()
                .filter(h -> h.record() != null && h.record().topic().equals(topic))
                .filter(h -> service.map(s -> s.equals(h.service())).orElse(true))
                .toList();
        seen.consumptions(hops);
        Optional<ActionResult> verdict = judge(seen, hops, sandbox, target, start, where, input);
        if (verdict.isPresent()) {
          return verdict.get();
        }
        if (System.nanoTime() >= deadline) {
          break;
        }
      }
    }
    String why =
        "no record of topic '"
            + topic
            + "'"
            + where.map(w -> " matching " + w.source()).orElse("")
            + " was consumed by "
            + HopPath.where(target)
            + service.map(s -> "'s " + s).orElse("")
            + " within "
            + Durations.format(timeout)
            + "; seen: "
            + seen.describe();
    return ActionResult.builder()
        .output("waitedMillis", (System.nanoTime() - start) / 1_000_000.0)
        .assertion(Assertion.failed("consumed", why, target, null))
        .message(why)
        .build();
  }

  /**
   * FAIL when a forked service's baseline consumed a matching record, PASS when the target consumed
   * one, else empty (keep waiting).
   */
  private static Optional<ActionResult> judge(
      Sightings seen,
      List<HopEntry> hops,
      Optional<SandboxInfo> sandbox,
      String target,
      long start,
      Optional<Deferred> where,
      ActionInput input) {
    String what = where.map(Deferred::source).orElse("any record");
    if (sandbox.isPresent()) {
      for (RecordView r : seen.matching()) {
        for (HopEntry h : hops) {
          if (r.is(h.record())
              && "baseline".equals(h.destination())
              && sandbox.get().forkedServices().contains(h.service())) {
            String key = sandbox.get().key().value();
            String why =
                "record "
                    + r.where()
                    + " matching "
                    + what
                    + " was consumed by the baseline of "
                    + h.service()
                    + " (group "
                    + h.record().group()
                    + "), which sandbox '"
                    + sandbox.get().name()
                    + "' forks: "
                    + (key.equals(h.routingKey())
                        ? "it carried the sandbox's key, so the baseline's consumer did not skip"
                            + " it (is its interceptor configured? interceptor.classes)"
                        : h.routingKey() == null
                            ? "it carried no routing key (whoever published it did not propagate"
                                + " the key into its headers)"
                            : "it carried another key, " + h.routingKey());
            return Optional.of(
                result(r, h, start)
                    .assertion(Assertion.failed("consumed", why, sandbox.get().name(), "baseline"))
                    .message(why)
                    .build());
          }
        }
      }
    }
    for (RecordView r : seen.matching()) {
      for (HopEntry h : hops) {
        if (r.is(h.record()) && target.equals(h.destination())) {
          String how =
              "record "
                  + r.where()
                  + " consumed by "
                  + h.service()
                  + " ("
                  + HopPath.where(h.destination())
                  + ", group "
                  + h.record().group()
                  + ")";
          return Optional.of(
              result(r, h, start)
                  .assertion(Assertion.passed("consumed", how))
                  .message(how)
                  .build());
        }
      }
    }
    return Optional.empty();
  }

  private static ActionResult.Builder result(RecordView r, HopEntry h, long start) {
    Map<String, Object> consumption = new LinkedHashMap<>();
    consumption.put("service", h.service());
    consumption.put("servedBy", h.destination());
    consumption.put("group", h.record().group());
    consumption.put("routingKey", nullable(h.routingKey()));
    consumption.put("traceId", nullable(h.traceId()));
    consumption.put("time", h.time() == null ? nullable(null) : h.time().toString());
    return ActionResult.builder()
        .output("record", r.fields())
        .output("consumption", consumption)
        .output("servedBy", h.destination())
        .output("waitedMillis", (System.nanoTime() - start) / 1_000_000.0);
  }

  private static Object nullable(String value) {
    return value == null ? dev.cel.common.values.NullValue.NULL_VALUE : value;
  }

  private static boolean matches(Optional<Deferred> where, ActionInput input, RecordView r) {
    if (where.isEmpty()) {
      return true;
    }
    Object value = where.get().evaluate(Map.of("record", r.fields()));
    if (value instanceof Boolean b) {
      return b;
    }
    throw input.error("where", "expected true or false, got " + Values.text(value));
  }

  /** Reads every partition of {@code topic} from the run's start; false while it has none. */
  private static boolean assign(
      KafkaConsumer<byte[], byte[]> consumer, String topic, ActionContext context) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, POLL);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      return false; // no metadata yet: the broker is slow to answer, or the topic is not there
    }
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    List<TopicPartition> partitions =
        infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    Map<TopicPartition, Long> since = new LinkedHashMap<>();
    partitions.forEach(p -> since.put(p, context.runStarted().toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> offsets =
        consumer.offsetsForTimes(since, context.remaining());
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, context.remaining());
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp at = offsets.get(p);
      consumer.seek(p, at != null ? at.offset() : ends.get(p));
    }
    return true;
  }
}
