package dev.prooflane.bench;

/** A benchmark's sizes (runs, sandboxes, calls), read from environment variables by bench/*.sh. */
public final class Sizes {
  private Sizes() {}

  /**
   * The positive integer in environment variable {@code name}, or {@code fallback} when it is not
   * set.
   *
   * @throws IllegalArgumentException naming the variable when its value is not a positive integer
   */
  public static int fromEnv(String name, int fallback) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the variable's name
    }
    throw new IllegalArgumentException(name + ": " + v + " (expected: an integer > 0)");
  }

  /**
   * The integer >= 0 in environment variable {@code name}, or {@code fallback} when it is not set.
   *
   * @throws IllegalArgumentException naming the variable when its value is not an integer >= 0
   */
  public static int fromEnvOrZero(String name, int fallback) {
    String v = System.getenv(name);
    return v != null && v.trim().equals("0") ? 0 : fromEnv(name, fallback);
  }
}
