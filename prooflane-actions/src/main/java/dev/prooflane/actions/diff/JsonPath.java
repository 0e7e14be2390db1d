package dev.prooflane.actions.diff;

import dev.prooflane.actions.core.JsonLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path pattern of {@code ignore}, {@code allow} and {@code expectDifferent}: {@code $.a.b},
 * {@code $.items[0]}, {@code $['a b']}, wildcards {@code $.a[*].b} and {@code $.a.*}, recursive
 * descent {@code $..b}, or the literal {@code status}. A pattern covers everything under what it
 * names.
 *
 * @param source the pattern as written
 * @param segments the parsed segments, or null for {@code status}
 */
record JsonPath(String source, List<Segment> segments) {
  /** One step of a pattern. */
  sealed interface Segment permits Key, Index, AnyChild, Descend {}

  /** A mapping key. */
  record Key(String name) implements Segment {}

  /** A list index. */
  record Index(int index) implements Segment {}

  /** Any key or index. */
  record AnyChild() implements Segment {}

  /** Zero or more levels, then the next segment. */
  record Descend() implements Segment {}

  /**
   * Parses {@code source}.
   *
   * @throws IllegalArgumentException saying what is wrong and what is expected
   */
  static JsonPath parse(String source) {
    if (source.equals("status")) {
      return new JsonPath(source, null);
    }
    if (!source.startsWith("$")) {
      throw new IllegalArgumentException(
          "'" + source + "' (expected: a JSON path such as $.price or $.items[*].id, or status)");
    }
    List<Segment> segments = new ArrayList<>();
    int i = 1;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (source.startsWith("..", i)) {
        segments.add(new Descend());
        i += 2;
        if (i < source.length() && source.charAt(i) == '[') {
          continue;
        }
        i = name(source, i, segments);
      } else if (c == '.') {
        i = name(source, i + 1, segments);
      } else if (c == '[') {
        int close = source.indexOf(']', i);
        if (close < 0) {
          throw bad(source, "unclosed [");
        }
        String inside = source.substring(i + 1, close).trim();
        if (inside.equals("*")) {
          segments.add(new AnyChild());
        } else if (inside.matches("\\d{1,9}")) {
          segments.add(new Index(Integer.parseInt(inside)));
        } else if (inside.length() >= 2
            && (inside.startsWith("'") && inside.endsWith("'")
                || inside.startsWith("\"") && inside.endsWith("\""))) {
          segments.add(new Key(inside.substring(1, inside.length() - 1)));
        } else {
          throw bad(source, "[" + inside + "] is not an index, [*] or ['key']");
        }
        i = close + 1;
      } else {
        throw bad(source, "unexpected '" + c + "' at position " + i);
      }
    }
    if (!segments.isEmpty() && segments.get(segments.size() - 1) instanceof Descend) {
      throw bad(source, "'..' must be followed by a key");
    }
    return new JsonPath(source, List.copyOf(segments));
  }

  private static int name(String source, int from, List<Segment> segments) {
    int end = from;
    while (end < source.length() && source.charAt(end) != '.' && source.charAt(end) != '[') {
      end++;
    }
    String name = source.substring(from, end);
    if (name.isEmpty()) {
      throw bad(source, "a key is missing after '.'");
    }
    segments.add(name.equals("*") ? new AnyChild() : new Key(name));
    return end;
  }

  private static IllegalArgumentException bad(String source, String why) {
    return new IllegalArgumentException(
        "'" + source + "': " + why + " (expected: such as $.price, $.items[*].id, $..updatedAt)");
  }

  /** Whether {@code d} is at or under what this pattern names. */
  boolean covers(Difference d) {
    if (segments == null || d.segments() == null) {
      return segments == null && d.path().equals(source);
    }
    return match(0, d.segments(), 0, false);
  }

  /** Whether {@code d} is at, under or above (a parent of) what this pattern names. */
  boolean overlaps(Difference d) {
    if (segments == null || d.segments() == null) {
      return covers(d);
    }
    return match(0, d.segments(), 0, true);
  }

  private boolean match(int pi, List<Object> path, int ci, boolean parentsToo) {
    if (pi == segments.size()) {
      return true;
    }
    if (ci == path.size()) {
      return parentsToo;
    }
    Segment seg = segments.get(pi);
    if (seg instanceof Descend) {
      Segment next = segments.get(pi + 1);
      for (int k = ci; k < path.size(); k++) {
        if (matches(next, path.get(k)) && match(pi + 2, path, k + 1, parentsToo)) {
          return true;
        }
      }
      return parentsToo;
    }
    return matches(seg, path.get(ci)) && match(pi + 1, path, ci + 1, parentsToo);
  }

  private static boolean matches(Segment seg, Object step) {
    if (seg instanceof Key k) {
      return k.name().equals(step);
    }
    if (seg instanceof Index ix) {
      return step instanceof Integer i && i == ix.index();
    }
    return true;
  }

  /** A concrete path as text: {@code $.items[0].name}, {@code $['a b']} ({@link JsonLocation}). */
  static String render(List<Object> segments) {
    return JsonLocation.of(segments).toString();
  }

  /** The value at concrete {@code segments} of {@code root}, or null when there is none. */
  static Object valueAt(Object root, List<Object> segments) {
    Object node = root;
    for (Object s : segments) {
      if (s instanceof Integer i && node instanceof List<?> list && i < list.size()) {
        node = list.get(i);
      } else if (s instanceof String k && node instanceof Map<?, ?> map && map.containsKey(k)) {
        node = map.get(k);
      } else {
        return null;
      }
    }
    return node;
  }
}
