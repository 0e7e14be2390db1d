package dev.prooflane.keys.tracestate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the W3C Trace Context {@code tracestate} header ({@code
 * https://www.w3.org/TR/trace-context/#tracestate-header}).
 *
 * <p>Members are {@code key=value} separated by {@code OWS "," OWS}; several header lines form one
 * list. Keys are {@code [a-z0-9][a-z0-9_*\-/]*} optionally with {@code @tenant}, at most 256
 * characters; values are 1 to 256 printable ASCII characters other than {@code ,} and {@code =},
 * not ending in a space. Whitespace around {@code =} is tolerated. Malformed members are skipped
 * rather than invalidating the whole header. The specification's 32 members are read, and so are
 * any beyond them, so a routing key is never dropped because a caller added too many entries.
 */
public final class W3CTraceState {
  private static final int MAX_KEY_LENGTH = 256;
  private static final int MAX_VALUE_LENGTH = 256;

  private W3CTraceState() {}

  /** The well-formed members as a map from key to value; when a key repeats, the first wins. */
  public static Map<String, String> parse(List<String> headerValues) {
    Map<String, String> map = new LinkedHashMap<>();
    forEachMember(headerValues, null, map::putIfAbsent);
    return Collections.unmodifiableMap(map);
  }

  /**
   * The values of every well-formed member named {@code key}, in order; no allocation when no
   * header line contains {@code key}.
   */
  public static List<String> valuesOf(List<String> headerValues, String key) {
    if (!anyContains(headerValues, key)) {
      return List.of();
    }
    List<String> values = new ArrayList<>(1);
    forEachMember(headerValues, key, (k, v) -> values.add(v));
    return values.isEmpty() ? List.of() : values;
  }

  /**
   * Whether a member named {@code key} has a value the grammar does not allow (empty, longer than
   * 256 characters, or with a character that is not printable ASCII or is {@code =}). {@link
   * #valuesOf} skips such members, as the specification requires, but a router should not silently
   * route a request that was sent with a key to the baseline; no allocation when no header line
   * contains {@code key}.
   */
  public static boolean hasMalformed(List<String> headerValues, String key) {
    for (String header : headerValues) {
      if (header.indexOf(key) < 0) {
        continue;
      }
      int start = 0;
      while (start <= header.length()) {
        int comma = header.indexOf(',', start);
        int end = comma < 0 ? header.length() : comma;
        if (isMalformedMember(header, start, end, key)) {
          return true;
        }
        start = end + 1;
      }
    }
    return false;
  }

  private static boolean isMalformedMember(String text, int start, int end, String key) {
    int from = start;
    while (from < end && isOws(text.charAt(from))) {
      from++;
    }
    int to = end;
    while (to > from && isOws(text.charAt(to - 1))) {
      to--;
    }
    int equals = indexOf(text, '=', from, to);
    if (equals < 0) {
      return false;
    }
    int keyEnd = equals;
    while (keyEnd > from && isOws(text.charAt(keyEnd - 1))) {
      keyEnd--;
    }
    if (keyEnd - from != key.length() || !text.startsWith(key, from)) {
      return false;
    }
    int valueStart = equals + 1;
    while (valueStart < to && isOws(text.charAt(valueStart))) {
      valueStart++;
    }
    return !isValue(text, valueStart, to);
  }

  private static boolean anyContains(List<String> headerValues, String key) {
    for (String header : headerValues) {
      if (header.indexOf(key) >= 0) {
        return true;
      }
    }
    return false;
  }

  private interface MemberSink {
    void accept(String key, String value);
  }

  private static void forEachMember(List<String> headerValues, String onlyKey, MemberSink sink) {
    for (String header : headerValues) {
      if (onlyKey != null && header.indexOf(onlyKey) < 0) {
        continue;
      }
      int start = 0;
      while (start <= header.length()) {
        int comma = header.indexOf(',', start);
        int end = comma < 0 ? header.length() : comma;
        readMember(header, start, end, onlyKey, sink);
        start = end + 1;
      }
    }
  }

  private static void readMember(String text, int start, int end, String onlyKey, MemberSink sink) {
    int from = start;
    while (from < end && isOws(text.charAt(from))) {
      from++;
    }
    int to = end;
    while (to > from && isOws(text.charAt(to - 1))) {
      to--;
    }
    int equals = indexOf(text, '=', from, to);
    if (from == to || equals < 0) {
      return;
    }
    int keyEnd = equals;
    while (keyEnd > from && isOws(text.charAt(keyEnd - 1))) {
      keyEnd--;
    }
    int valueStart = equals + 1;
    while (valueStart < to && isOws(text.charAt(valueStart))) {
      valueStart++;
    }
    if (onlyKey != null && (keyEnd - from != onlyKey.length() || !text.startsWith(onlyKey, from))) {
      return;
    }
    if (!isKey(text, from, keyEnd) || !isValue(text, valueStart, to)) {
      return;
    }
    sink.accept(text.substring(from, keyEnd), text.substring(valueStart, to));
  }

  /** The first {@code c} in {@code text[from, to)}, so a member's search never runs past it. */
  private static int indexOf(String text, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isKey(String text, int from, int to) {
    int length = to - from;
    if (length < 1 || length > MAX_KEY_LENGTH) {
      return false;
    }
    char first = text.charAt(from);
    if (!isLowerAlpha(first) && !isDigit(first)) {
      return false;
    }
    int ats = 0;
    for (int i = from + 1; i < to; i++) {
      char c = text.charAt(i);
      if (c == '@') {
        ats++;
        if (ats > 1 || i == to - 1) {
          return false;
        }
      } else if (!isLowerAlpha(c) && !isDigit(c) && c != '_' && c != '-' && c != '*' && c != '/') {
        return false;
      }
    }
    return true;
  }

  private static boolean isValue(String text, int from, int to) {
    int length = to - from;
    if (length < 1 || length > MAX_VALUE_LENGTH) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }
}
