package dev.prooflane.routing.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON object of an answer the router gives itself: string and number fields in the order they
 * were put, written as compact JSON text.
 */
final class JsonBody {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  /** Sets {@code name} to {@code value} (a string or a number), keeping its first position. */
  JsonBody put(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  /** The value of {@code name}, or null. */
  Object get(String name) {
    return fields.get(name);
  }

  /** The fields of {@code other} put here, in its order. */
  JsonBody mergeIn(JsonBody other) {
    fields.putAll(other.fields);
    return this;
  }

  /** The compact JSON text. */
  String encode() {
    StringBuilder out = new StringBuilder(128).append('{');
    boolean first = true;
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, field.getKey());
      out.append(':');
      Object value = field.getValue();
      if (value instanceof Number) {
        out.append(value);
      } else if (value == null) {
        out.append("null");
      } else {
        quote(out, value.toString());
      }
    }
    return out.append('}').toString();
  }

  @Override
  public String toString() {
    return encode();
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
