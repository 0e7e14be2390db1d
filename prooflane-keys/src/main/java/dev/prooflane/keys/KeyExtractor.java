package dev.prooflane.keys;

import static java.util.Objects.requireNonNull;

import dev.prooflane.keys.baggage.BaggageLookup;
import dev.prooflane.keys.baggage.W3CBaggage;
import dev.prooflane.keys.tracestate.W3CTraceState;
import dev.prooflane.model.KeyCarrier;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import java.util.List;

/**
 * Reads a request's routing key from every configured carrier and checks that they agree.
 *
 * <p>Carriers, in the precedence order of {@link KeyNames#carriers()}: the W3C {@code baggage}
 * member, the W3C {@code tracestate} member, the plain header and, if configured, the query
 * parameter. Injectors send the key in several of them, so a request may carry it more than once;
 * every occurrence must be the same valid key, otherwise the result is {@link KeyResult.Invalid}
 * naming the carrier at fault. Thread-safe; a request without any carrier costs a few header
 * lookups and no parsing.
 */
public final class KeyExtractor {
  /** The carriers of the names, in precedence order, and how messages name each. */
  private final KeyCarrier[] carriers;

  private final String[] labels;

  public KeyExtractor(KeyNames names) {
    requireNonNull(names, "names");
    this.carriers = names.carriers().toArray(KeyCarrier[]::new);
    this.labels = new String[carriers.length];
    for (int i = 0; i < carriers.length; i++) {
      labels[i] = carriers[i].label();
    }
  }

  /** The routing key the request carries, if any, or why it cannot be used. */
  public KeyResult extract(RequestCarriers request) {
    requireNonNull(request, "request");
    Finding finding = new Finding();
    for (int i = 0; i < carriers.length && finding.invalid == null; i++) {
      String name = carriers[i].name();
      String label = labels[i];
      switch (carriers[i].kind()) {
        case BAGGAGE -> {
          List<String> lines = request.headers(KeyCarrier.BAGGAGE_HEADER);
          if (!lines.isEmpty()) {
            BaggageLookup lookup = W3CBaggage.lookup(lines, name);
            if (!lookup.problems().isEmpty()) {
              return new KeyResult.Invalid(
                  label,
                  lookup.problems().get(0) + "; the request was not routed, fix the routing key");
            }
            finding.offerAll(lookup.values(), label);
          }
        }
        case TRACESTATE -> {
          List<String> lines = request.headers(KeyCarrier.TRACESTATE_HEADER);
          if (!lines.isEmpty()) {
            if (W3CTraceState.hasMalformed(lines, name)) {
              return new KeyResult.Invalid(
                  label,
                  label
                      + " is malformed (expected: 1 to 256 printable characters other than ',' and"
                      + " '='); the request was not routed, fix the routing key");
            }
            finding.offerAll(W3CTraceState.valuesOf(lines, name), label);
          }
        }
        case HEADER -> finding.offerAll(request.headers(name), label);
        case QUERY -> finding.offerAll(QueryParameter.values(request.rawQuery(), name), label);
      }
    }
    if (finding.invalid != null) {
      return finding.invalid;
    }
    if (finding.key == null) {
      return KeyResult.ABSENT;
    }
    return new KeyResult.Present(finding.key, finding.carrier);
  }

  /**
   * Same as {@link RoutingKey#isValid}, without a regular expression: this runs on every keyed
   * request.
   */
  static boolean isValidKey(String value) {
    int length = value.length();
    if (length < 1 || length > RoutingKey.MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** The first valid key seen and its carrier, or the first problem. */
  private static final class Finding {
    private String key;
    private String carrier;
    private KeyResult.Invalid invalid;

    void offerAll(List<String> values, String from) {
      for (int i = 0; i < values.size() && invalid == null; i++) {
        offer(values.get(i).trim(), from);
      }
    }

    private void offer(String value, String from) {
      if (!isValidKey(value)) {
        invalid =
            new KeyResult.Invalid(
                from,
                "routing key in "
                    + from
                    + " is invalid: '"
                    + printable(value)
                    + "' (expected: 1 to "
                    + RoutingKey.MAX_LENGTH
                    + " characters of A-Z a-z 0-9 . _ -)");
      } else if (key == null) {
        key = value;
        carrier = from;
      } else if (!key.equals(value)) {
        invalid =
            new KeyResult.Invalid(
                from,
                "conflicting routing keys: "
                    + carrier
                    + " is '"
                    + key
                    + "' but "
                    + from
                    + " is '"
                    + value
                    + "' (expected: the same key in every carrier; send one sandbox's key)");
      }
    }

    private static String printable(String value) {
      StringBuilder out = new StringBuilder(Math.min(value.length(), 80));
      for (int i = 0; i < value.length() && i < 80; i++) {
        char c = value.charAt(i);
        out.append(c < 0x20 || c == 0x7F ? '?' : c);
      }
      return value.length() > 80 ? out + "..." : out.toString();
    }
  }
}
