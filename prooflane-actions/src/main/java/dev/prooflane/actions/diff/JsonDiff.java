package dev.prooflane.actions.diff;

import dev.prooflane.actions.expr.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two JSON values structurally: mappings by key (the sandbox's key order first, then keys
 * only the baseline has), lists by index, numbers by value ({@code 1} equals {@code 1.0}).
 */
final class JsonDiff {
  private JsonDiff() {}

  /** Every difference of {@code sandbox} from {@code baseline}, in document order. */
  static List<Difference> compare(Object sandbox, Object baseline) {
    List<Difference> out = new ArrayList<>();
    compare(new ArrayList<>(), sandbox, baseline, out);
    return out;
  }

  private static void compare(List<Object> path, Object s, Object b, List<Difference> out) {
    if (s instanceof Map<?, ?> sm && b instanceof Map<?, ?> bm) {
      for (Map.Entry<?, ?> e : sm.entrySet()) {
        List<Object> child = child(path, String.valueOf(e.getKey()));
        if (bm.containsKey(e.getKey())) {
          compare(child, e.getValue(), bm.get(e.getKey()), out);
        } else {
          out.add(Difference.json(child, "added", e.getValue(), null));
        }
      }
      for (Map.Entry<?, ?> e : bm.entrySet()) {
        if (!sm.containsKey(e.getKey())) {
          out.add(
              Difference.json(
                  child(path, String.valueOf(e.getKey())), "removed", null, e.getValue()));
        }
      }
    } else if (s instanceof List<?> sl && b instanceof List<?> bl) {
      for (int i = 0; i < Math.max(sl.size(), bl.size()); i++) {
        List<Object> child = child(path, i);
        if (i >= bl.size()) {
          out.add(Difference.json(child, "added", sl.get(i), null));
        } else if (i >= sl.size()) {
          out.add(Difference.json(child, "removed", null, bl.get(i)));
        } else {
          compare(child, sl.get(i), bl.get(i), out);
        }
      }
    } else if (!sameScalar(s, b)) {
      out.add(Difference.json(List.copyOf(path), "changed", s, b));
    }
  }

  private static List<Object> child(List<Object> path, Object step) {
    List<Object> out = new ArrayList<>(path);
    out.add(step);
    return out;
  }

  private static boolean sameScalar(Object s, Object b) {
    if (Values.isNull(s) || Values.isNull(b)) {
      return Values.isNull(s) && Values.isNull(b);
    }
    if ((s instanceof Long || s instanceof Double) && (b instanceof Long || b instanceof Double)) {
      return new BigDecimal(s.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return Objects.equals(s, b);
  }
}
