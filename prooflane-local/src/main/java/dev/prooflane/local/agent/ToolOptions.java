package dev.prooflane.local.agent;

import dev.prooflane.model.ProoflaneException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code JAVA_TOOL_OPTIONS} value: the JVM splits it at white space and takes a word with a quote
 * in it as quoted up to the matching quote (both kinds; the quotes are removed). An option with
 * white space or a quote is written in the other kind of quotes.
 */
final class ToolOptions {
  private static final Pattern PLAIN = Pattern.compile("[^\\s'\"]*");

  private ToolOptions() {}

  /**
   * {@code own} (the service's value, kept as it is; may be null or blank) followed by {@code
   * added}, each quoted when it needs it.
   *
   * @throws ProoflaneException when an added option holds both kinds of quotes, which the JVM
   *     cannot read back
   */
  static String append(String own, List<String> added) {
    List<String> words = new ArrayList<>();
    if (own != null && !own.isBlank()) {
      words.add(own.strip());
    }
    for (String option : added) {
      words.add(quoted(option));
    }
    return String.join(" ", words);
  }

  /** {@code option} as one word of {@code JAVA_TOOL_OPTIONS}. */
  static String quoted(String option) {
    if (PLAIN.matcher(option).matches()) {
      return option;
    }
    if (option.indexOf('"') < 0) {
      return '"' + option + '"';
    }
    if (option.indexOf('\'') < 0) {
      return "'" + option + "'";
    }
    throw new ProoflaneException(
        "JAVA_TOOL_OPTIONS: "
            + option
            + " holds both ' and \" (expected: at most one kind of quote, which the JVM can read"
            + " back; move the file to a path without quotes)");
  }
}
