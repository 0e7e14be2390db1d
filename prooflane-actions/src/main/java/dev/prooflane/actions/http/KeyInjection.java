package dev.prooflane.actions.http;

import dev.prooflane.model.KeyNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts the routing key into a request in every configured form: a baggage member (appended to the
 * step's own baggage), a tracestate member (first, as the W3C list is newest-first), the plain
 * header and the query parameter. A member of the same name the step set is replaced, so the
 * carriers never disagree.
 */
final class KeyInjection {
  private KeyInjection() {}

  /** Adds the key to {@code headers} (names in lower case). */
  static void headers(Map<String, String> headers, KeyNames names, String key) {
    if (!names.baggage().isEmpty()) {
      List<String> members = membersWithout(headers.get("baggage"), names.baggage());
      members.add(names.baggage() + "=" + key);
      headers.put("baggage", String.join(",", members));
    }
    if (!names.tracestate().isEmpty()) {
      List<String> members = membersWithout(headers.get("tracestate"), names.tracestate());
      members.add(0, names.tracestate() + "=" + key);
      headers.put("tracestate", String.join(",", members));
    }
    if (!names.header().isEmpty()) {
      headers.put(names.header(), key);
    }
  }

  /** The members of a comma-separated list, without those named {@code name}. */
  private static List<String> membersWithout(String list, String name) {
    List<String> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (String member : list.split(",")) {
      String trimmed = member.trim();
      int eq = trimmed.indexOf('=');
      String memberName = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
      if (!trimmed.isEmpty() && !memberName.equals(name)) {
        out.add(trimmed);
      }
    }
    return out;
  }
}
