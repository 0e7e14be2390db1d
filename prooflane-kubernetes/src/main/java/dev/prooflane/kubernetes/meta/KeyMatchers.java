package dev.prooflane.kubernetes.meta;

import dev.prooflane.model.KeyCarrier;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The header conditions under which a request carries a routing key, one per header carrier of
 * {@link KeyNames#carriers()} (the W3C baggage member, the W3C tracestate member and the plain
 * header), each a separate alternative.
 *
 * <p>Meshes (Envoy) match a regular expression against the whole header value (RE2), so the
 * expressions are anchored and allow other members before and after ours.
 */
public final class KeyMatchers {
  /** One header condition. */
  public record Condition(String header, boolean regex, String value) {}

  private KeyMatchers() {}

  /** The conditions for {@code key} under {@code names}, baggage first. */
  public static List<Condition> of(RoutingKey key, KeyNames names) {
    List<Condition> out = new ArrayList<>();
    String k = quote(key.value());
    for (KeyCarrier carrier : names.carriers()) {
      switch (carrier.kind()) {
        case BAGGAGE ->
            out.add(
                new Condition(KeyCarrier.BAGGAGE_HEADER, true, baggageRegex(carrier.name(), k)));
        case TRACESTATE ->
            out.add(
                new Condition(
                    KeyCarrier.TRACESTATE_HEADER,
                    true,
                    "^(.*,)?[ \\t]*" + quote(carrier.name()) + "=" + k + "[ \\t]*(,.*)?$"));
        case HEADER -> out.add(new Condition(carrier.name(), false, carrier.value(key.value())));
        case QUERY -> {
          // header conditions only: the routes match no query parameter
        }
      }
    }
    return out;
  }

  private static String baggageRegex(String member, String key) {
    return "^(.*,)?[ \\t]*" + quote(member) + "[ \\t]*=[ \\t]*" + key + "[ \\t]*([;,].*)?$";
  }

  /** Escapes every RE2 metacharacter in {@code text}. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
