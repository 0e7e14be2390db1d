package dev.prooflane.actions.logs;

import dev.prooflane.actions.core.ActionInput;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern a log line is searched for: a plain substring, or a regular expression when written
 * between slashes ({@code /timeout after \d+ ms/}).
 *
 * @param source the pattern as written
 * @param regex the compiled expression, or null for a substring
 */
record LinePattern(String source, Pattern regex) {
  static LinePattern parse(String source, ActionInput input, String field) {
    if (source.isEmpty()) {
      throw input.error(field, "empty pattern (write the text to look for)");
    }
    if (source.length() >= 2 && source.startsWith("/") && source.endsWith("/")) {
      try {
        return new LinePattern(source, Pattern.compile(source.substring(1, source.length() - 1)));
      } catch (PatternSyntaxException e) {
        throw input.error(
            field,
            "'"
                + source
                + "' is not a valid regular expression: "
                + e.getDescription()
                + " (write a plain text without surrounding slashes to match it literally)");
      }
    }
    return new LinePattern(source, null);
  }

  boolean matches(String line) {
    return regex == null ? line.contains(source) : regex.matcher(line).find();
  }
}
