package dev.prooflane.actions.core;

import static java.util.Objects.requireNonNull;

/**
 * One thing a step checked, and whether it held.
 *
 * @param path what was checked, such as {@code $.price} or the check's expression
 * @param passed whether it held
 * @param message what was expected and what was found
 * @param expected the expected value, or null
 * @param actual the actual value, or null
 */
public record Assertion(
    String path, boolean passed, String message, Object expected, Object actual) {
  public Assertion {
    requireNonNull(path, "path");
    requireNonNull(message, "message");
  }

  public static Assertion passed(String path, String message) {
    return new Assertion(path, true, message, null, null);
  }

  public static Assertion failed(String path, String message, Object expected, Object actual) {
    return new Assertion(path, false, message, expected, actual);
  }
}
