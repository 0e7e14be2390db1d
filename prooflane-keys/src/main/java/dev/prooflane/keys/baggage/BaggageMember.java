package dev.prooflane.keys.baggage;

import static java.util.Objects.requireNonNull;

/**
 * One well-formed list member of a W3C {@code baggage} header.
 *
 * @param key the member key (an RFC 9110 token)
 * @param value the percent-decoded value (may be empty)
 * @param properties the raw text after the first {@code ;}, trimmed, or {@code ""}
 */
public record BaggageMember(String key, String value, String properties) {
  public BaggageMember {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(properties, "properties");
  }
}
