package dev.prooflane.keys.baggage;

/** Character classes of the baggage grammar: RFC 9110 tokens and baggage octets. */
final class Tokens {
  private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

  private Tokens() {}

  /**
   * Index of the first {@code c} in {@code text[from, to)}, or -1. Every search in these parsers
   * stays inside its member: {@code String.indexOf(c, from)} would scan to the end of the header
   * for each member, which is quadratic in a header of many short members.
   */
  static int indexOf(String text, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  static boolean isToken(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && TOKEN_SYMBOLS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Index of the first character that is not a {@code baggage-octet} ({@code %x21 / %x23-2B /
   * %x2D-3A / %x3C-5B / %x5D-7E}), or -1.
   */
  static int firstNonBaggageOctet(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7E || c == '"' || c == ',' || c == ';' || c == '\\') {
        return i;
      }
    }
    return -1;
  }
}
