package dev.prooflane.actions.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A place in a JSON value, written the one way every result and report writes it: an RFC 9535
 * JSONPath from {@code $}, a member in dot notation when its name is a member-name shorthand
 * ({@code $.price}), bracket-quoted otherwise ({@code $['x-id']}, escaped as a normalized path
 * escapes it), an index in brackets ({@code $.items[0]}).
 *
 * @param segments member names (String) and array indexes (Integer), from the root
 */
public record JsonLocation(List<Object> segments) {
  /** The root, {@code $}. */
  public static final JsonLocation ROOT = new JsonLocation(List.of());

  public JsonLocation {
    segments = List.copyOf(segments);
    for (Object s : segments) {
      if (!(s instanceof String) && !(s instanceof Integer i && i >= 0)) {
        throw new IllegalArgumentException(
            "segments: " + s + " (expected: a member name or an index >= 0)");
      }
    }
  }

  /** The location of {@code segments} (member names and indexes). */
  public static JsonLocation of(List<?> segments) {
    return new JsonLocation(new ArrayList<>(segments));
  }

  /** The member {@code name} or the index {@code index} (an Integer) under this location. */
  public JsonLocation child(Object segment) {
    List<Object> out = new ArrayList<>(segments);
    out.add(segment);
    return new JsonLocation(out);
  }

  /** The path as text, such as {@code $.items[0]['unit-price']}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("$");
    for (Object s : segments) {
      if (s instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else if (isShorthand((String) s)) {
        out.append('.').append(s);
      } else {
        quoted((String) s, out);
      }
    }
    return out.toString();
  }

  /** RFC 9535 member-name-shorthand: a letter, '_' or non-ASCII first, then also digits. */
  private static boolean isShorthand(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean first = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
      if (!first && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** {@code ['name']} with the escapes of an RFC 9535 normalized path. */
  private static void quoted(String name, StringBuilder out) {
    out.append("['");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\'' -> out.append("\\'");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append("']");
  }
}
