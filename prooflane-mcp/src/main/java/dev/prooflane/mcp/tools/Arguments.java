package dev.prooflane.mcp.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The arguments of one tool call, already checked against the tool's input schema. */
final class Arguments {
  private final Map<String, Object> values;

  Arguments(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  Map<String, Object> all() {
    return values;
  }

  boolean has(String name) {
    return values.get(name) != null;
  }

  String string(String name) {
    return optionalString(name)
        .orElseThrow(() -> new ToolFailure("invalid_input", name + ": missing"));
  }

  Optional<String> optionalString(String name) {
    Object v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
  }

  long integer(String name, long fallback) {
    Object v = values.get(name);
    return v instanceof Number n ? n.longValue() : fallback;
  }

  boolean bool(String name, boolean fallback) {
    Object v = values.get(name);
    return v instanceof Boolean b ? b : fallback;
  }

  Object raw(String name) {
    return values.get(name);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(String name) {
    Object v = values.get(name);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The object {@code name} with its values as text, or an empty map. */
  Map<String, String> stringMap(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    map(name).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  /** The strings of the list {@code name}, or none. */
  List<String> strings(String name) {
    return list(name).stream().map(String::valueOf).toList();
  }

  List<?> list(String name) {
    Object v = values.get(name);
    return v instanceof List<?> l ? l : List.of();
  }
}
