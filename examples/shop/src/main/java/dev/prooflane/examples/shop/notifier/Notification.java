package dev.prooflane.examples.shop.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.examples.shop.http.HeaderPropagation;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.kafka.RecordHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One order the notifier processed.
 *
 * @param order the order's id, or null when the record held no order
 * @param item what was ordered, or null
 * @param qty how many, or 0
 * @param topic the record's topic
 * @param partition its partition
 * @param offset its offset
 * @param key the routing key its headers carried, or null
 * @param traceId the trace id its headers carried, or null
 * @param servedBy the instance that processed it: {@code baseline} or the sandbox
 */
public record Notification(
    String order,
    String item,
    long qty,
    String topic,
    int partition,
    long offset,
    String key,
    String traceId,
    String servedBy) {

  /** The notification for {@code record}, processed by instance {@code servedBy}. */
  public static Notification of(ConsumerRecord<String, String> record, String servedBy) {
    JsonNode value = Json.parseOrText(record.value() == null ? "" : record.value());
    Context context = RecordHeaders.extract(record.headers());
    String traceId = Span.fromContext(context).getSpanContext().getTraceId();
    return new Notification(
        value.path("id").isTextual() ? value.path("id").asText() : null,
        value.path("item").isTextual() ? value.path("item").asText() : null,
        value.path("qty").asLong(0),
        record.topic(),
        record.partition(),
        record.offset(),
        HeaderPropagation.routingKey(context),
        Span.fromContext(context).getSpanContext().isValid() ? traceId : null,
        servedBy);
  }

  /**
   * The log line: {@code notifier fix-1 notified order=o-1 item=book qty=2 from orders/0@12 key=k}.
   */
  public String line() {
    return "notifier "
        + servedBy
        + " notified order="
        + (order == null ? "-" : order)
        + " item="
        + (item == null ? "-" : item)
        + " qty="
        + qty
        + " from "
        + topic
        + "/"
        + partition
        + "@"
        + offset
        + " key="
        + (key == null ? "-" : key);
  }

  /** As {@code GET /notifications} lists it. */
  public ObjectNode toJson() {
    ObjectNode out = Json.object().put("order", order).put("item", item).put("qty", qty);
    out.put("topic", topic).put("partition", partition).put("offset", offset);
    return out.put("key", key).put("traceId", traceId).put("servedBy", servedBy);
  }
}
