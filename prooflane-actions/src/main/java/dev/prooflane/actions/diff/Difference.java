package dev.prooflane.actions.diff;

import static java.util.Objects.requireNonNull;

import dev.cel.common.values.NullValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One way the sandbox's answer differs from the baseline's.
 *
 * @param path {@code status}, a JSON path such as {@code $.items[0].name}, or {@code line N}
 * @param segments the JSON path's keys (String) and indexes (Integer), or null when not JSON
 * @param kind {@code added} (only the sandbox has it), {@code removed} (only the baseline) or
 *     {@code changed}
 * @param sandbox the sandbox's value, or null when absent
 * @param baseline the baseline's value, or null when absent
 */
record Difference(
    String path, List<Object> segments, String kind, Object sandbox, Object baseline) {
  Difference {
    requireNonNull(path, "path");
    requireNonNull(kind, "kind");
    segments = segments == null ? null : List.copyOf(segments);
  }

  /** A difference at a JSON path. */
  static Difference json(List<Object> segments, String kind, Object sandbox, Object baseline) {
    return new Difference(JsonPath.render(segments), segments, kind, sandbox, baseline);
  }

  /** As an output value: path, kind, sandbox, baseline. */
  Map<String, Object> toValue() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", path);
    out.put("kind", kind);
    out.put("sandbox", sandbox == null ? NullValue.NULL_VALUE : sandbox);
    out.put("baseline", baseline == null ? NullValue.NULL_VALUE : baseline);
    return out;
  }
}
