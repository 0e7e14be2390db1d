package dev.prooflane.model;

import java.util.regex.Pattern;

/**
 * The rule for names that end up in labels, folders and log lines (sandbox names, token names): a
 * DNS label of 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or
 * digit.
 */
public final class DnsLabel {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private DnsLabel() {}

  /** Whether {@code name} follows the rule. */
  public static boolean isValid(String name) {
    return name != null && LABEL.matcher(name).matches();
  }

  /**
   * Returns {@code name} when it follows the rule.
   *
   * @throws IllegalArgumentException naming {@code field}, the value and the rule
   */
  public static String require(String field, String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          field
              + ": '"
              + name
              + "' (expected: 1 to 63 lowercase letters, digits or '-', starting and ending with a"
              + " letter or digit)");
    }
    return name;
  }
}
