package dev.prooflane.keys.baggage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decodes the percent-encoded UTF-8 of baggage values ({@code +} is a plain plus here). */
final class PercentDecoding {
  private PercentDecoding() {}

  /** The decoded text, or null if a {@code %} is not followed by two hex digits. */
  static String decode(String text, int from, int to) {
    if (Tokens.indexOf(text, '%', from, to) < 0) {
      return text.substring(from, to);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c != '%') {
        bytes.write(c);
        i++;
        continue;
      }
      if (i + 2 >= to) {
        return null;
      }
      int high = Character.digit(text.charAt(i + 1), 16);
      int low = Character.digit(text.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        return null;
      }
      bytes.write((high << 4) | low);
      i += 3;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
