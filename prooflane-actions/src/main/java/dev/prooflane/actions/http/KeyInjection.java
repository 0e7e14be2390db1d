package dev.prooflane.actions.http;

import dev.prooflane.model.KeyCarrier;
import dev.prooflane.model.KeyNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts the routing key into a request's headers in every configured form ({@link
 * KeyNames#carriers()}): a baggage member (appended to the step's own baggage), a tracestate member
 * (first, as the W3C list is newest-first) and the plain header; the query parameter goes into the
 * URL ({@link ServiceClient}; a gRPC call has no query). A member of the same name the step set is
 * replaced, so the carriers never disagree.
 */
public final class KeyInjection {
  private KeyInjection() {}

  /** Adds the key to {@code headers} (names in lower case). */
  public static void headers(Map<String, String> headers, KeyNames names, String key) {
    for (KeyCarrier carrier : names.carriers()) {
      switch (carrier.kind()) {
        case BAGGAGE -> {
          String header = KeyCarrier.BAGGAGE_HEADER;
          List<String> members = membersWithout(headers.get(header), carrier.name());
          members.add(carrier.value(key));
          headers.put(header, String.join(",", members));
        }
        case TRACESTATE -> {
          String header = KeyCarrier.TRACESTATE_HEADER;
          List<String> members = membersWithout(headers.get(header), carrier.name());
          members.add(0, carrier.value(key));
          headers.put(header, String.join(",", members));
        }
        case HEADER -> headers.put(carrier.name(), carrier.value(key));
        case QUERY -> {
          // a parameter of the URL, which ServiceClient writes (a gRPC call carries none)
        }
      }
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
