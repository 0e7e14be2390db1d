package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code forks.commands}: the commands a {@code sandbox:exec} caller's forks may run,
 * as words. A word {@code **} matches any number of words (none included), so {@code java **} is a
 * prefix rule; in any other word {@code *} matches any characters and {@code ?} one; {@code ${dir}}
 * stands for the environment's folder.
 *
 * @param words the rule as written, split into words
 */
public record CommandRule(List<String> words) {
  /** The default rule: any command. */
  public static final CommandRule ANY = new CommandRule(List.of("**"));

  private static final String ANY_WORDS = "**";

  public CommandRule {
    words = List.copyOf(words);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("command rule: empty (expected: words, such as java **)");
    }
  }

  /** Whether {@code command} (placeholders resolved) matches, {@code ${dir}} being {@code dir}. */
  public boolean matches(List<String> command, Path dir) {
    requireNonNull(command, "command");
    List<Pattern> patterns = new ArrayList<>();
    for (String word : words) {
      patterns.add(ANY_WORDS.equals(word) ? null : glob(word.replace("${dir}", dir.toString())));
    }
    return matches(patterns, 0, command, 0);
  }

  private static boolean matches(List<Pattern> rule, int r, List<String> command, int c) {
    if (r == rule.size()) {
      return c == command.size();
    }
    if (rule.get(r) == null) {
      for (int skip = c; skip <= command.size(); skip++) {
        if (matches(rule, r + 1, command, skip)) {
          return true;
        }
      }
      return false;
    }
    return c < command.size()
        && rule.get(r).matcher(command.get(c)).matches()
        && matches(rule, r + 1, command, c + 1);
  }

  private static Pattern glob(String word) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char ch : word.toCharArray()) {
      if (ch == '*' || ch == '?') {
        regex.append(Pattern.quote(literal.toString())).append(ch == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(ch);
      }
    }
    return Pattern.compile(
        regex.append(Pattern.quote(literal.toString())).toString(), Pattern.DOTALL);
  }

  @Override
  public String toString() {
    return String.join(" ", words);
  }
}
