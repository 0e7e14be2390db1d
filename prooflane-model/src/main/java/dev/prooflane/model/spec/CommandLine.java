package dev.prooflane.model.spec;

import java.util.ArrayList;
import java.util.List;

/** Splits a command string into words the way a POSIX shell would for plain words and quotes. */
public final class CommandLine {
  private CommandLine() {}

  /**
   * Splits on unquoted white space; single quotes keep everything literally, double quotes allow
   * {@code \"} and {@code \\}.
   *
   * @throws IllegalArgumentException for an unterminated quote
   */
  public static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\' && i + 1 < text.length() && "\"\\".indexOf(text.charAt(i + 1)) >= 0) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unterminated " + quote + " quote in command (close it)");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
