package dev.prooflane.cli;

import dev.prooflane.model.KeyCarrier;
import dev.prooflane.model.KeyNames;
import java.util.ArrayList;
import java.util.List;

/** How to send a sandbox's key by hand, in the carriers of the environment's key names. */
final class KeyHint {
  private static final String URL = "<service URL from 'prooflane status'>";

  private KeyHint() {}

  /**
   * A curl example with the first carrier of {@code names}, then the other carriers the router
   * reads; empty when the names carry nothing.
   */
  static String of(KeyNames names, String key) {
    List<KeyCarrier> carriers = names.carriers();
    if (carriers.isEmpty()) {
      return "";
    }
    KeyCarrier first = carriers.get(0);
    StringBuilder out = new StringBuilder("  curl ");
    out.append(
        first.header().isPresent()
            ? "-H '" + form(first, key) + "' " + URL
            : "\"" + URL + form(first, key) + "\"");
    out.append('\n');
    if (carriers.size() > 1) {
      List<String> others = new ArrayList<>();
      for (KeyCarrier carrier : carriers.subList(1, carriers.size())) {
        others.add("'" + form(carrier, key) + "'");
      }
      out.append("  (also read from: ").append(String.join(", ", others)).append(")\n");
    }
    return out.toString();
  }

  /** {@code baggage: name=key}, {@code name: key}, or {@code ?name=key}. */
  private static String form(KeyCarrier carrier, String key) {
    return carrier
        .header()
        .map(header -> header + ": " + carrier.value(key))
        .orElse("?" + carrier.name() + "=" + carrier.value(key));
  }
}
