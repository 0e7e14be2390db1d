package dev.prooflane.actions.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON and the plain values expressions see: {@code Long} for JSON integers,
 * {@code Double} for decimals, {@code String}, {@code Boolean}, {@code List}, {@code Map}, and
 * CEL's null.
 */
public final class Values {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Values() {}

  /** The plain value of {@code node}. */
  public static Object fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.asLong() : (Object) node.asDouble();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(item -> out.add(fromJson(item)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      out.put(field.getKey(), fromJson(field.getValue()));
    }
    return out;
  }

  /** The JSON of a plain value (also accepts CEL's null and any Number). */
  public static JsonNode toJson(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value == null || value instanceof NullValue) {
      return f.nullNode();
    }
    if (value instanceof Long || value instanceof Integer) {
      return f.numberNode(((Number) value).longValue());
    }
    if (value instanceof Double d) {
      return f.numberNode(BigDecimal.valueOf(d));
    }
    if (value instanceof Number n) {
      return f.numberNode(new BigDecimal(n.toString()));
    }
    if (value instanceof Boolean b) {
      return f.booleanNode(b);
    }
    if (value instanceof Map<?, ?> map) {
      var node = f.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
      return node;
    }
    if (value instanceof Iterable<?> list) {
      var node = f.arrayNode();
      list.forEach(v -> node.add(toJson(v)));
      return node;
    }
    if (value instanceof JsonNode json) {
      return json;
    }
    return f.textNode(value.toString());
  }

  /** A plain value made from any Java value (records and beans through Jackson). */
  public static Object plain(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double
        || value instanceof NullValue) {
      return value;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    return fromJson(MAPPER.valueToTree(value));
  }

  /** The text form used when a value is interpolated into a string. */
  public static String text(Object value) {
    if (value == null || value instanceof NullValue) {
      return "null";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map || value instanceof Iterable) {
      return toJson(value).toString();
    }
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }

  /** Whether {@code value} is CEL's (or Java's) null. */
  public static boolean isNull(Object value) {
    return value == null || value instanceof NullValue;
  }
}
