package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * The short token a request carries to be routed into a sandbox.
 *
 * <p>Restricted to {@code [A-Za-z0-9._-]}, 1 to 64 characters, so that a key can never break out of
 * a header value, a baggage member or a regular expression it is placed in.
 */
public record RoutingKey(@JsonValue String value) {
  public static final int MAX_LENGTH = 64;
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
  private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  @JsonCreator
  public RoutingKey {
    requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "routing key: '"
              + printable(value)
              + "' (expected: 1 to "
              + MAX_LENGTH
              + " characters of A-Z a-z 0-9 . _ -)");
    }
  }

  /**
   * Whether {@code value} is a well-formed key; use this on untrusted input instead of catching.
   */
  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  /** A fresh random key of 12 lowercase base-36 characters, like {@code k7q2m9x4z1ab}. */
  public static RoutingKey generate() {
    char[] chars = new char[12];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new RoutingKey(new String(chars));
  }

  private static String printable(String value) {
    String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  @Override
  public String toString() {
    return value;
  }
}
