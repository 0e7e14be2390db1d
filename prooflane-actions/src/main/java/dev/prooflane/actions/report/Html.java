package dev.prooflane.actions.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.actions.core.Verdict;
import java.util.List;
import java.util.Map;

/** Escaping and small building blocks of the HTML report; every text goes through {@link #esc}. */
final class Html {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Html() {}

  /** Text safe in element content and in quoted attributes. */
  static String esc(Object value) {
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append("\\u").append(String.format("%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A verdict pill: {@code <span class="pill FAIL">FAIL</span>}. */
  static String pill(Verdict verdict) {
    return "<span class=\"pill " + verdict.name() + "\">" + verdict.name() + "</span>";
  }

  static String pill(String cssClass, String text) {
    return "<span class=\"pill " + esc(cssClass) + "\">" + esc(text) + "</span>";
  }

  /** A value as indented JSON (strings as they are), escaped. */
  static String pretty(Object value) {
    if (value instanceof String s) {
      return esc(prettyText(s));
    }
    JsonNode node = JsonValues.of(value);
    try {
      return esc(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      return esc(String.valueOf(value));
    }
  }

  /** A body as text, indented when it is JSON. */
  static String prettyText(String text) {
    if (text == null) {
      return "";
    }
    String t = text.trim();
    if (t.startsWith("{") || t.startsWith("[")) {
      try {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(t));
      } catch (JsonProcessingException e) {
        return text;
      }
    }
    return text;
  }

  static String headers(Map<String, List<String>> headers) {
    if (headers == null || headers.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    headers.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER))
        .forEach(
            e -> {
              for (String v : e.getValue()) {
                out.append(esc(e.getKey())).append(": ").append(esc(v)).append('\n');
              }
            });
    return out.toString();
  }
}
