package dev.prooflane.actions.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.values.NullValue;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the values a run holds (plain expression values, records, JSON) into JSON for the evidence,
 * without reflection surprises: records by their components, non-finite numbers as text, anything
 * else by its text form.
 */
final class JsonValues {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonValues() {}

  static JsonNode of(Object value) {
    if (value == null || value instanceof NullValue) {
      return F.nullNode();
    }
    if (value instanceof JsonNode json) {
      return json.deepCopy();
    }
    if (value instanceof String s) {
      return F.textNode(s);
    }
    if (value instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return F.numberNode(((Number) value).longValue());
    }
    if (value instanceof BigInteger i) {
      return F.numberNode(i);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? F.numberNode(d) : F.textNode(String.valueOf(d));
    }
    if (value instanceof BigDecimal d) {
      return F.numberNode(d.doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = F.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), of(v)));
      return node;
    }
    if (value instanceof Iterable<?> items) {
      ArrayNode node = F.arrayNode();
      items.forEach(v -> node.add(of(v)));
      return node;
    }
    if (value instanceof Object[] items) {
      ArrayNode node = F.arrayNode();
      for (Object v : items) {
        node.add(of(v));
      }
      return node;
    }
    if (value instanceof Optional<?> o) {
      return of(o.orElse(null));
    }
    if (value instanceof Enum<?> e) {
      return F.textNode(e.name());
    }
    if (value instanceof TemporalAccessor) {
      return F.textNode(value.toString());
    }
    if (value.getClass().isRecord()) {
      ObjectNode node = F.objectNode();
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        try {
          node.set(c.getName(), of(c.getAccessor().invoke(value)));
        } catch (ReflectiveOperationException | RuntimeException e) {
          node.put(c.getName(), "<unreadable: " + e.getClass().getSimpleName() + ">");
        }
      }
      return node;
    }
    return F.textNode(value.toString());
  }
}
