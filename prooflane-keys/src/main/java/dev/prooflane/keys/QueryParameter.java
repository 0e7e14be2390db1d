package dev.prooflane.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Values of one parameter of a raw {@code application/x-www-form-urlencoded} query string. */
final class QueryParameter {
  private QueryParameter() {}

  /** Decoded values of {@code name}; a value that is not valid percent-encoding is kept raw. */
  static List<String> values(String rawQuery, String name) {
    if (rawQuery == null || rawQuery.indexOf(name) < 0) {
      return List.of();
    }
    List<String> values = new ArrayList<>(1);
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      int nameEnd = start;
      while (nameEnd < end && rawQuery.charAt(nameEnd) != '=') {
        nameEnd++;
      }
      if (decode(rawQuery, start, nameEnd).equals(name)) {
        values.add(nameEnd == end ? "" : decode(rawQuery, nameEnd + 1, end));
      }
      start = end + 1;
    }
    return values;
  }

  private static String decode(String text, int from, int to) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%' && i + 2 < to) {
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return text.substring(from, to);
        }
        bytes.write((high << 4) | low);
        i += 2;
      } else if (c == '%' || c > 0x7F) {
        return text.substring(from, to);
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
