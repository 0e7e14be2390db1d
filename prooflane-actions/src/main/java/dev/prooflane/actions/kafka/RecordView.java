package dev.prooflane.actions.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cel.common.values.NullValue;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.model.RecordPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record as {@code where:} and the outputs see it: {@code topic}, {@code partition}, {@code
 * offset}, {@code timestamp}, {@code key} (text, or null), {@code value} (the JSON value when the
 * text parses as JSON, else the text; null for a tombstone) and {@code headers} (name to the text
 * of its last value).
 *
 * @param position where the record is (the group is empty: it was read, not consumed)
 * @param fields the record as expressions see it
 */
record RecordView(RecordPosition position, Map<String, Object> fields) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static RecordView of(ConsumerRecord<byte[], byte[]> record) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("topic", record.topic());
    fields.put("partition", (long) record.partition());
    fields.put("offset", record.offset());
    fields.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    fields.put("key", record.key() == null ? NullValue.NULL_VALUE : text(record.key()));
    fields.put("value", record.value() == null ? NullValue.NULL_VALUE : value(record.value()));
    Map<String, Object> headers = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), h.value() == null ? NullValue.NULL_VALUE : text(h.value()));
    }
    fields.put("headers", headers);
    return new RecordView(
        new RecordPosition(record.topic(), record.partition(), record.offset(), ""), fields);
  }

  /** The record's value as JSON when it parses, else as text. */
  static Object value(byte[] bytes) {
    String text = text(bytes);
    if (text.isBlank()) {
      return text;
    }
    try {
      return Values.fromJson(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  /** Whether {@code consumed} is this record (whoever consumed it). */
  boolean is(RecordPosition consumed) {
    return consumed.topic().equals(position.topic())
        && consumed.partition() == position.partition()
        && consumed.offset() == position.offset();
  }

  /** {@code orders/0@12}. */
  String where() {
    return describe(position);
  }

  /** {@code orders/0@12}. */
  static String describe(RecordPosition p) {
    return p.topic() + "/" + p.partition() + "@" + p.offset();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
