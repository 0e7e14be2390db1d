package dev.prooflane.keys.baggage;

/**
 * One list member as read from the header: its key, and either its decoded value or what is wrong
 * with it.
 */
record ParsedMember(String key, String value, String properties, String problem) {

  /**
   * Parses {@code text[start, end)}; null when the region is blank or has no recognisable key
   * (nothing to report against a key then).
   */
  static ParsedMember parse(String text, int start, int end) {
    int from = Ows.skipForward(text, start, end);
    int to = Ows.skipBackward(text, from, end);
    if (from == to) {
      return null;
    }
    int semicolon = Tokens.indexOf(text, ';', from, to);
    int memberEnd = semicolon < 0 ? to : semicolon;
    String properties =
        memberEnd == to ? "" : text.substring(Ows.skipForward(text, memberEnd + 1, to), to);
    int equals = Tokens.indexOf(text, '=', from, memberEnd);
    if (equals < 0) {
      return null;
    }
    int keyEnd = Ows.skipBackward(text, from, equals);
    if (keyEnd == from || !Tokens.isToken(text, from, keyEnd)) {
      return null;
    }
    String key = text.substring(from, keyEnd);
    int valueStart = Ows.skipForward(text, equals + 1, memberEnd);
    int valueEnd = Ows.skipBackward(text, valueStart, memberEnd);
    int bad = Tokens.firstNonBaggageOctet(text, valueStart, valueEnd);
    if (bad >= 0) {
      return new ParsedMember(
          key,
          null,
          properties,
          "baggage member '"
              + key
              + "' has a character not allowed in a baggage value at offset "
              + (bad - valueStart)
              + " (expected: percent-encode spaces, quotes, commas, semicolons and backslashes)");
    }
    String value = PercentDecoding.decode(text, valueStart, valueEnd);
    if (value == null) {
      return new ParsedMember(
          key,
          null,
          properties,
          "baggage member '"
              + key
              + "' has a '%' not followed by two hex digits (expected: percent-encoded UTF-8)");
    }
    return new ParsedMember(key, value, properties, null);
  }
}
