package dev.prooflane.keys.baggage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the W3C Baggage header ({@code https://www.w3.org/TR/baggage/}).
 *
 * <p>Grammar: {@code key OWS "=" OWS value *( OWS ";" OWS property )} members separated by {@code
 * OWS "," OWS}; keys are RFC 9110 tokens, values are percent-encoded UTF-8. Properties are kept as
 * raw text and otherwise ignored. Several {@code baggage} header lines form one list. Malformed
 * members are skipped, not fatal. There is no member or byte limit beyond the HTTP header size
 * limit of the caller, so the 64 members and 8,192 bytes the specification requires always fit.
 */
public final class W3CBaggage {
  private W3CBaggage() {}

  /** Every well-formed member of the combined header lines, in order. */
  public static List<BaggageMember> members(List<String> headerValues) {
    List<BaggageMember> members = new ArrayList<>();
    for (String header : headerValues) {
      int start = 0;
      while (start <= header.length()) {
        int comma = header.indexOf(',', start);
        int end = comma < 0 ? header.length() : comma;
        ParsedMember parsed = ParsedMember.parse(header, start, end);
        if (parsed != null && parsed.problem() == null) {
          members.add(new BaggageMember(parsed.key(), parsed.value(), parsed.properties()));
        }
        start = end + 1;
      }
    }
    return members;
  }

  /**
   * The well-formed members as a map from key to decoded value; when a key repeats, the first
   * member wins.
   */
  public static Map<String, String> parse(List<String> headerValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (BaggageMember member : members(headerValues)) {
      map.putIfAbsent(member.key(), member.value());
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The values of member {@code key} and the problems of malformed members that carry it; fast (no
   * allocation) when no header line contains {@code key}.
   */
  public static BaggageLookup lookup(List<String> headerValues, String key) {
    List<String> values = null;
    List<String> problems = null;
    for (String header : headerValues) {
      int next = header.indexOf(key);
      if (next < 0) {
        continue;
      }
      int start = 0;
      while (start <= header.length() && next >= 0) {
        int comma = header.indexOf(',', start);
        int end = comma < 0 ? header.length() : comma;
        if (next < start) {
          // the occurrences only move forward, so the header is searched once in all
          next = header.indexOf(key, start);
        }
        if (next >= 0 && next + key.length() <= end) {
          ParsedMember parsed = ParsedMember.parse(header, start, end);
          if (parsed != null && parsed.key().equals(key)) {
            if (parsed.problem() == null) {
              values = add(values, parsed.value());
            } else {
              problems = add(problems, parsed.problem());
            }
          }
        }
        start = end + 1;
      }
    }
    if (values == null && problems == null) {
      return BaggageLookup.NONE;
    }
    return new BaggageLookup(
        values == null ? List.of() : values, problems == null ? List.of() : problems);
  }

  private static List<String> add(List<String> list, String item) {
    List<String> target = list == null ? new ArrayList<>(2) : list;
    target.add(item);
    return target;
  }
}
