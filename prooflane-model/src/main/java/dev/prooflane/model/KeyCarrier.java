package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One place where a request carries its routing key, under the name an environment gives it (see
 * {@link KeyNames#carriers()}): the router reads the key from each, injectors write it into each,
 * mesh routes match it in each.
 *
 * @param kind what carries the key
 * @param name the baggage member, tracestate member, header or query parameter name
 */
public record KeyCarrier(Kind kind, String name) {
  /** The W3C header that holds the baggage members. */
  public static final String BAGGAGE_HEADER = "baggage";

  /** The W3C header that holds the tracestate members. */
  public static final String TRACESTATE_HEADER = "tracestate";

  /** What carries a key. */
  public enum Kind {
    /** A member {@code name=key} of the W3C {@code baggage} header. */
    BAGGAGE("baggage member"),
    /** A member {@code name=key} of the W3C {@code tracestate} header. */
    TRACESTATE("tracestate member"),
    /** A header of its own, {@code name: key}. */
    HEADER("header"),
    /** A query parameter, {@code ?name=key}. */
    QUERY("query parameter");

    private final String noun;

    Kind(String noun) {
      this.noun = noun;
    }
  }

  public KeyCarrier {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name: empty (expected: the " + kind.noun + "'s name)");
    }
  }

  /**
   * The header the key travels in: {@code baggage}, {@code tracestate} or the plain header; empty
   * for a query parameter.
   */
  public Optional<String> header() {
    return switch (kind) {
      case BAGGAGE -> Optional.of(BAGGAGE_HEADER);
      case TRACESTATE -> Optional.of(TRACESTATE_HEADER);
      case HEADER -> Optional.of(name);
      case QUERY -> Optional.empty();
    };
  }

  /**
   * The key as this carrier holds it: the list member {@code name=key} in baggage and tracestate,
   * the key itself as a header or query parameter value.
   */
  public String value(String key) {
    return switch (kind) {
      case BAGGAGE, TRACESTATE -> name + "=" + key;
      case HEADER, QUERY -> key;
    };
  }

  /** How messages name this carrier, such as {@code baggage member 'prooflane-key'}. */
  public String label() {
    return kind.noun + " '" + name + "'";
  }
}
