package dev.prooflane.local.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL file split into its statements, each with the line it starts on, so that a failing
 * statement can be named by file and line. Splits on {@code ;} outside quotes ({@code '...'},
 * {@code E'...'}, {@code "..."}), dollar quotes ({@code $$...$$}, {@code $tag$...$tag$}) and
 * comments ({@code --}, nested {@code /* *\/}); psql's backslash commands are not understood.
 */
final class SqlScript {
  /**
   * One statement.
   *
   * @param text the statement without its {@code ;}
   * @param line the 1-based line of the file it starts on
   */
  record Statement(String text, int line) {
    /** The file line of the 1-based character {@code position} in {@link #text()}. */
    int lineOf(int position) {
      int at = Math.min(Math.max(position - 1, 0), text.length());
      return line + (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
    }
  }

  private SqlScript() {}

  /** The statements of {@code sql}, without empty ones (only white space and comments). */
  static List<Statement> split(String sql) {
    List<Statement> out = new ArrayList<>();
    int start = 0;
    int line = 1;
    int startLine = 1;
    boolean content = false;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      boolean comment = sql.startsWith("--", i) || sql.startsWith("/*", i);
      if (!content && !comment && c != ';' && !Character.isWhitespace(c)) {
        content = true;
        start = i;
        startLine = line;
      }
      int end;
      if (sql.startsWith("--", i)) {
        end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
      } else if (sql.startsWith("/*", i)) {
        end = blockCommentEnd(sql, i);
      } else if (c == '\'') {
        boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
        end = quoteEnd(sql, i, '\'', escapes);
      } else if (c == '"') {
        end = quoteEnd(sql, i, '"', false);
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        end = close < 0 ? sql.length() : close + tag.length();
      } else if (c == ';') {
        if (content) {
          out.add(new Statement(trimmed(sql.substring(start, i)), startLine));
        }
        content = false;
        end = i + 1;
      } else {
        end = i + 1;
      }
      for (int j = i; j < end; j++) {
        if (sql.charAt(j) == '\n') {
          line++;
        }
      }
      i = end;
    }
    if (content) {
      out.add(new Statement(trimmed(sql.substring(start)), startLine));
    }
    return out;
  }

  private static String trimmed(String text) {
    return text.strip();
  }

  private static int quoteEnd(String sql, int open, char quote, boolean backslashEscapes) {
    int i = open + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2; // '' or "" inside the quotes
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  private static int blockCommentEnd(String sql, int open) {
    int depth = 0;
    int i = open;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  /** The dollar-quote tag opening at {@code i} ({@code $$} or {@code $name$}), or null. */
  private static String dollarTag(String sql, int i) {
    if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) {
      return null; // part of an identifier such as a$b
    }
    int j = i + 1;
    while (j < sql.length()
        && (Character.isLetter(sql.charAt(j))
            || sql.charAt(j) == '_'
            || (j > i + 1 && Character.isDigit(sql.charAt(j))))) {
      j++;
    }
    return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
  }
}
