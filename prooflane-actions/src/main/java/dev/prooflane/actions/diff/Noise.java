package dev.prooflane.actions.diff;

import dev.prooflane.actions.expr.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Declared noise: regular expressions whose matches are replaced with {@value #PLACEHOLDER} in both
 * answers before they are compared (timestamps, ids, UUIDs).
 *
 * @param regexes the expressions
 */
record Noise(List<Pattern> regexes) {
  static final String PLACEHOLDER = "<noise>";

  Noise {
    regexes = List.copyOf(regexes);
  }

  /**
   * Replaces the matches in every text of a value; a number or boolean that matches becomes text.
   */
  Object apply(Object value) {
    if (regexes.isEmpty()) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), apply(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(apply(v)));
      return out;
    }
    if (value instanceof String s) {
      return line(s);
    }
    if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
      String text = Values.text(value);
      String replaced = line(text);
      return replaced.equals(text) ? value : replaced;
    }
    return value;
  }

  String line(String text) {
    String out = text;
    for (Pattern p : regexes) {
      out = p.matcher(out).replaceAll(PLACEHOLDER);
    }
    return out;
  }
}
