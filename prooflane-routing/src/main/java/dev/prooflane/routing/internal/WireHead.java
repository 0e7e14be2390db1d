package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header fields of an HTTP/1.1 message head as the bytes they arrived in (or were rewritten
 * to): each field located by offsets, decoded into a {@code String} only when asked for. The bytes
 * hold {@code name: value CRLF} lines one after the other, so a head forwarded without edits is one
 * copy (see {@link #writeFields}).
 *
 * <p>Only {@link WireHeadParser} and {@link WireHeadBuilder} make one, after checking every byte:
 * names are tokens, values hold no control character, lines end in CRLF.
 */
final class WireHead {
  /** Per field: name start, name end, value start, value end (blanks trimmed), line end. */
  private static final int SLOTS = 5;

  private final byte[] bytes;
  private final int from;
  private final int to;
  private final int[] fields;
  private final int count;

  /**
   * @param bytes holding the field lines in {@code [from, to)}
   * @param fields {@link #SLOTS} offsets per field into {@code bytes}
   */
  WireHead(byte[] bytes, int from, int to, int[] fields, int count) {
    this.bytes = bytes;
    this.from = from;
    this.to = to;
    this.fields = fields;
    this.count = count;
  }

  static int[] grow(int[] fields, int count) {
    if ((count + 1) * SLOTS <= fields.length) {
      return fields;
    }
    return java.util.Arrays.copyOf(fields, Math.max(fields.length * 2, (count + 1) * SLOTS));
  }

  static void put(
      int[] fields,
      int index,
      int nameStart,
      int nameEnd,
      int valueStart,
      int valueEnd,
      int lineEnd) {
    int at = index * SLOTS;
    fields[at] = nameStart;
    fields[at + 1] = nameEnd;
    fields[at + 2] = valueStart;
    fields[at + 3] = valueEnd;
    fields[at + 4] = lineEnd;
  }

  static int[] newFields(int expected) {
    return new int[expected * SLOTS];
  }

  int count() {
    return count;
  }

  /** The length of the field lines, in bytes. */
  int fieldsLength() {
    return to - from;
  }

  /** Whether field {@code i} is named {@code lowerCaseName}, ignoring the case of the field. */
  boolean nameIs(int i, String lowerCaseName) {
    int start = fields[i * SLOTS];
    return fields[i * SLOTS + 1] - start == lowerCaseName.length()
        && startsWithLowerCase(bytes, start, lowerCaseName);
  }

  /** Whether the bytes at {@code start} are {@code lowerCase}, ignoring their case. */
  static boolean startsWithLowerCase(byte[] b, int start, String lowerCase) {
    for (int k = 0; k < lowerCase.length(); k++) {
      if (lower(b[start + k]) != lowerCase.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Whether field {@code i}'s name is {@code name}, ignoring case on both sides. */
  boolean nameEqualsIgnoreCase(int i, CharSequence name) {
    int start = fields[i * SLOTS];
    int length = fields[i * SLOTS + 1] - start;
    if (length != name.length()) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (lower(bytes[start + k]) != lower(name.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  int nameLength(int i) {
    return fields[i * SLOTS + 1] - fields[i * SLOTS];
  }

  String name(int i) {
    int start = fields[i * SLOTS];
    return new String(bytes, start, fields[i * SLOTS + 1] - start, StandardCharsets.ISO_8859_1);
  }

  /** Field {@code i}'s value without the blanks around it. */
  String value(int i) {
    int start = fields[i * SLOTS + 2];
    return new String(bytes, start, fields[i * SLOTS + 3] - start, StandardCharsets.ISO_8859_1);
  }

  /** Field {@code i}'s value, as {@link #value}, as a view of the head's bytes. */
  AsciiString valueView(int i) {
    int start = fields[i * SLOTS + 2];
    return new AsciiString(bytes, start, fields[i * SLOTS + 3] - start, false);
  }

  /** The index of the first field named {@code name} (any case), or -1. */
  int indexOf(CharSequence name) {
    for (int i = 0; i < count; i++) {
      if (nameEqualsIgnoreCase(i, name)) {
        return i;
      }
    }
    return -1;
  }

  /** How many fields are named {@code name} (any case). */
  int occurrences(CharSequence name) {
    int found = 0;
    for (int i = 0; i < count; i++) {
      if (nameEqualsIgnoreCase(i, name)) {
        found++;
      }
    }
    return found;
  }

  /** The values of the fields named {@code name} (any case), in order. */
  List<String> values(CharSequence name) {
    List<String> values = null;
    for (int i = 0; i < count; i++) {
      if (nameEqualsIgnoreCase(i, name)) {
        if (values == null) {
          values = new ArrayList<>(2);
        }
        values.add(value(i));
      }
    }
    return values == null ? List.of() : values;
  }

  /**
   * Whether a field named {@code name} (any case) lists {@code token} among its comma-separated
   * values (blanks around each ignored; its case too when {@code ignoreCase}).
   */
  boolean lists(CharSequence name, CharSequence token, boolean ignoreCase) {
    for (int i = 0; i < count; i++) {
      if (nameEqualsIgnoreCase(i, name) && listsIn(i, token, ignoreCase)) {
        return true;
      }
    }
    return false;
  }

  /**
   * As Netty's decoded headers answer it: the value split at commas, each part without the blanks
   * around it (Netty trims every character up to space; a value here holds no control character),
   * an empty part after a last comma not counted.
   */
  private boolean listsIn(int i, CharSequence token, boolean ignoreCase) {
    int valueStart = fields[i * SLOTS + 2];
    int end = fields[i * SLOTS + 3];
    int from = valueStart;
    while (true) {
      int comma = from;
      while (comma < end && bytes[comma] != ',') {
        comma++;
      }
      if (from < end || from == valueStart) {
        int start = from;
        int stop = comma;
        while (start < stop && isBlank(bytes[start])) {
          start++;
        }
        while (stop > start && isBlank(bytes[stop - 1])) {
          stop--;
        }
        if (equals(start, stop, token, ignoreCase)) {
          return true;
        }
      }
      if (comma == end) {
        return false;
      }
      from = comma + 1;
    }
  }

  private boolean equals(int start, int stop, CharSequence token, boolean ignoreCase) {
    if (stop - start != token.length()) {
      return false;
    }
    for (int k = 0; k < token.length(); k++) {
      int a = bytes[start + k] & 0xFF;
      int b = token.charAt(k);
      if (ignoreCase ? lower(a) != lower(b) : a != b) {
        return false;
      }
    }
    return true;
  }

  /** A space or a tab, the blanks a field value may hold. */
  static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }

  int valueStart(int i) {
    return fields[i * SLOTS + 2];
  }

  int valueEnd(int i) {
    return fields[i * SLOTS + 3];
  }

  /** The start of field {@code i}'s line. */
  int lineStart(int i) {
    return fields[i * SLOTS];
  }

  /** The end of field {@code i}'s line, past its CRLF. */
  int lineEnd(int i) {
    return fields[i * SLOTS + 4];
  }

  byte[] bytes() {
    return bytes;
  }

  /** The field lines, each ending in CRLF (not the empty line that ends a head), to {@code out}. */
  void writeFields(ByteBuf out) {
    out.writeBytes(bytes, from, to - from);
  }

  /**
   * Adds every field to {@code out}, name and value as views of the head's bytes (which never
   * change once the head is made).
   */
  void addTo(HttpHeaders out) {
    for (int i = 0; i < count; i++) {
      int at = i * SLOTS;
      out.add(
          new AsciiString(bytes, fields[at], fields[at + 1] - fields[at], false),
          new AsciiString(bytes, fields[at + 2], fields[at + 3] - fields[at + 2], false));
    }
  }

  private static int lower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }
}
