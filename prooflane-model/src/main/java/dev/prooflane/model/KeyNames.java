package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a request carries its routing key: the W3C baggage member, the W3C tracestate member, a
 * plain header and, optionally, a query parameter. Injectors send every configured form; the router
 * accepts any of them.
 *
 * @param baggage baggage member name, or empty to ignore baggage
 * @param tracestate tracestate member key, or empty to ignore tracestate
 * @param header plain header name (lower case), or empty to ignore it
 * @param query query parameter name, or empty (the default; also for an empty name) to ignore the
 *     query
 */
public record KeyNames(String baggage, String tracestate, String header, Optional<String> query) {
  public static final KeyNames DEFAULT =
      new KeyNames("prooflane-key", "prooflane-key", "x-prooflane-key", Optional.empty());

  public KeyNames {
    requireNonNull(baggage, "baggage");
    requireNonNull(tracestate, "tracestate");
    requireNonNull(header, "header");
    requireNonNull(query, "query");
    header = header.toLowerCase(Locale.ROOT);
    query = query.filter(q -> !q.isEmpty());
  }

  /**
   * Where a request carries the key under these names, in the router's order of precedence:
   * baggage, tracestate, header, query; a name left empty carries nothing.
   */
  public List<KeyCarrier> carriers() {
    List<KeyCarrier> out = new ArrayList<>(4);
    if (!baggage.isEmpty()) {
      out.add(new KeyCarrier(KeyCarrier.Kind.BAGGAGE, baggage));
    }
    if (!tracestate.isEmpty()) {
      out.add(new KeyCarrier(KeyCarrier.Kind.TRACESTATE, tracestate));
    }
    if (!header.isEmpty()) {
      out.add(new KeyCarrier(KeyCarrier.Kind.HEADER, header));
    }
    query.ifPresent(q -> out.add(new KeyCarrier(KeyCarrier.Kind.QUERY, q)));
    return List.copyOf(out);
  }

  /**
   * The names another tool uses, so a team can route on traffic that tool's instrumentation already
   * tags: {@code signadot} (baggage and tracestate {@code sd-routing-key}, header {@code
   * uberctx-sd-routing-key}) or {@code okteto} (baggage {@code okteto-divert}).
   */
  public static Optional<KeyNames> compat(String tool) {
    return switch (tool.toLowerCase(Locale.ROOT)) {
      case "prooflane" -> Optional.of(DEFAULT);
      case "signadot" ->
          Optional.of(
              new KeyNames(
                  "sd-routing-key", "sd-routing-key", "uberctx-sd-routing-key", Optional.empty()));
      case "okteto" ->
          Optional.of(
              new KeyNames("okteto-divert", "okteto-divert", "x-okteto-divert", Optional.empty()));
      default -> Optional.empty();
    };
  }
}
