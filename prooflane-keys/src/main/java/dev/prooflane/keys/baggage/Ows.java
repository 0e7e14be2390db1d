package dev.prooflane.keys.baggage;

/** Optional whitespace ({@code SP / HTAB}) around baggage delimiters. */
final class Ows {
  private Ows() {}

  static int skipForward(String text, int from, int to) {
    int i = from;
    while (i < to && isOws(text.charAt(i))) {
      i++;
    }
    return i;
  }

  static int skipBackward(String text, int from, int to) {
    int i = to;
    while (i > from && isOws(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }
}
