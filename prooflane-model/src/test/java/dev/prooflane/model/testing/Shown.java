package dev.prooflane.model.testing;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generated inputs written for a failure report: text as an escaped Java literal (control
 * characters, surrogates and everything outside printable ASCII as {@code \}{@code uXXXX}), cut
 * after {@value #SHOWN} characters with the full length named, inside lists, maps and records too.
 */
final class Shown {
  /** Characters of a text shown before it is cut; the hostile inputs reach 1,200,000. */
  static final int SHOWN = 240;

  private Shown() {}

  /** {@code value} as a report shows it. */
  static String of(Object value) {
    if (value instanceof String text) {
      return text(text);
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(Shown::of).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> of(e.getKey()) + "=" + of(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof Record record) {
      return record(record);
    }
    return String.valueOf(value);
  }

  private static String text(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.chars().limit(SHOWN).forEach(c -> escape((char) c, out));
    out.append('"');
    if (text.length() > SHOWN) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }

  private static void escape(char c, StringBuilder out) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      default -> {
        if (c >= 0x20 && c < 0x7f) {
          out.append(c);
        } else {
          out.append("\\u%04x".formatted((int) c));
        }
      }
    }
  }

  private static String record(Record record) {
    StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('[');
    RecordComponent[] components = record.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
      try {
        Method accessor = components[i].getAccessor();
        accessor.setAccessible(true);
        out.append(of(accessor.invoke(record)));
      } catch (ReflectiveOperationException | RuntimeException e) {
        out.append("(unreadable: ").append(e).append(')');
      }
    }
    return out.append(']').toString();
  }
}
