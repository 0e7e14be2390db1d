package dev.prooflane.server.kafka;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.model.DnsLabel;
import dev.prooflane.model.RecordPosition;
import dev.prooflane.routing.HopRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A batch of records one consumer instance received ({@code POST /kafka/consumptions}), checked
 * whole before any becomes a hop: a bad field answers 400 naming it ({@code records[3].offset}) and
 * no record of the batch is kept.
 *
 * @param hops one consumption hop per record, in the batch's order
 */
public record ConsumptionReport(List<HopRecord> hops) {
  /** The most records one request may carry. */
  public static final int MAX_RECORDS = 1000;

  /** What a consumption hop's {@link HopRecord#method()} says. */
  public static final String CONSUME = "CONSUME";

  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  public ConsumptionReport {
    hops = List.copyOf(hops);
  }

  /**
   * Reads {@code body}; {@code services} are the environment's services, {@code now} the time of a
   * record that says none.
   *
   * @throws IllegalArgumentException naming the first field that is wrong, its value and what was
   *     expected
   */
  public static ConsumptionReport read(JsonNode body, Collection<String> services, Instant now) {
    requireNonNull(body, "body");
    if (!body.isObject()) {
      throw new IllegalArgumentException(
          "body: "
              + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + " (expected: an object with service, instance, group and records)");
    }
    String service = text(body, "service", "a service of the environment");
    if (!services.contains(service)) {
      throw new IllegalArgumentException(
          "service: '" + service + "' (expected one of: " + String.join(", ", services) + ")");
    }
    String instance = text(body, "instance", "baseline or a sandbox name");
    if (!instance.equals(HopRecord.BASELINE)) {
      DnsLabel.require("instance", instance);
    }
    String group = text(body, "group", "the consumer's group.id, such as notifier-baseline");
    JsonNode records = body.path("records");
    if (!records.isArray()) {
      throw new IllegalArgumentException(
          "records: " + shown(records) + " (expected: an array of records)");
    }
    if (records.size() > MAX_RECORDS) {
      throw new IllegalArgumentException(
          "records: "
              + records.size()
              + " records (expected: at most "
              + MAX_RECORDS
              + " per request; send the rest in another)");
    }
    List<HopRecord> hops = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      hops.add(hop(records.get(i), "records[" + i + "]", service, instance, group, now));
    }
    return new ConsumptionReport(hops);
  }

  private static HopRecord hop(
      JsonNode record, String at, String service, String instance, String group, Instant now) {
    if (!record.isObject()) {
      throw new IllegalArgumentException(
          at + ": " + shown(record) + " (expected: an object with topic, partition and offset)");
    }
    String topic = text(record, at + ".topic", "the record's topic");
    long partition = whole(record, at + ".partition", Integer.MAX_VALUE);
    long offset = whole(record, at + ".offset", Long.MAX_VALUE);
    String key = optionalText(record, at + ".key");
    String traceId = optionalText(record, at + ".traceId");
    if (traceId != null && !TRACE_ID.matcher(traceId).matches()) {
      throw new IllegalArgumentException(
          at + ".traceId: '" + traceId + "' (expected: 32 lowercase hex digits, or null)");
    }
    String time = optionalText(record, at + ".time");
    long size = record.hasNonNull("size") ? whole(record, at + ".size", Long.MAX_VALUE) : 0;
    return new HopRecord(
        0,
        time == null ? now : instant(time, at + ".time"),
        traceId,
        key,
        service,
        instance,
        "",
        CONSUME,
        topic,
        0,
        0,
        HopRecord.KAFKA,
        null,
        size,
        0,
        new RecordPosition(topic, (int) partition, offset, group));
  }

  /** A field that must be non-empty text. */
  private static String text(JsonNode node, String field, String expected) {
    JsonNode value = node.path(field.substring(field.lastIndexOf('.') + 1));
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException(
          field + ": " + shown(value) + " (expected: " + expected + ")");
    }
    return value.asText();
  }

  /** A field that is text, null or absent. */
  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.path(field.substring(field.lastIndexOf('.') + 1));
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(
          field + ": " + shown(value) + " (expected: text, or null)");
    }
    return value.asText();
  }

  /** A whole number from 0 to {@code max}. */
  private static long whole(JsonNode node, String field, long max) {
    JsonNode value = node.path(field.substring(field.lastIndexOf('.') + 1));
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(
          field + ": " + shown(value) + " (expected: a whole number >= 0)");
    }
    long number = value.asLong();
    if (number < 0 || number > max) {
      throw new IllegalArgumentException(
          field + ": " + number + " (expected: " + (number < 0 ? ">= 0" : "<= " + max) + ")");
    }
    return number;
  }

  private static Instant instant(String text, String field) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + ": '" + text + "' (expected: an ISO-8601 instant such as 2026-12-07T10:00:01Z)");
    }
  }

  /** The value as a message shows it: quoted text, JSON otherwise, cut after 80 characters. */
  private static String shown(JsonNode value) {
    if (value.isMissingNode()) {
      return "missing";
    }
    String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
