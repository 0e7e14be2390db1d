package dev.prooflane.routing.internal;

import io.netty.util.AsciiString;
import java.util.Arrays;

/**
 * Builds a {@link WireHead} from the lines of another (copied as they are) and new fields. The
 * lines copied passed {@link WireHeadParser}'s checks; the new fields' names are constants and
 * their values come from checked fields or from the router, or they are the fields of an HTTP/2
 * request that {@link Http2StreamCodec} checked.
 */
final class WireHeadBuilder {
  private byte[] bytes;
  private int length;
  private int[] fields;
  private int count;

  /**
   * @param expectedBytes the head's likely size in bytes
   * @param expectedFields its likely number of fields (both grow as needed)
   */
  WireHeadBuilder(int expectedBytes, int expectedFields) {
    this.bytes = new byte[expectedBytes];
    this.fields = WireHead.newFields(Math.max(1, expectedFields));
  }

  /** Copies field {@code i} of {@code head}, its line as it is. */
  WireHeadBuilder copy(WireHead head, int i) {
    int start = head.lineStart(i);
    int lineLength = head.lineEnd(i) - start;
    ensure(lineLength);
    System.arraycopy(head.bytes(), start, bytes, length, lineLength);
    // the copied line's offsets, moved to where it now starts
    int shift = length - start;
    fields = WireHead.grow(fields, count);
    WireHead.put(
        fields,
        count++,
        length,
        length + head.nameLength(i),
        head.valueStart(i) + shift,
        head.valueEnd(i) + shift,
        length + lineLength);
    length += lineLength;
    return this;
  }

  /** Adds {@code name: value}; both must be valid field text (see the class comment). */
  WireHeadBuilder add(CharSequence name, CharSequence value) {
    return add(name, value, null);
  }

  /** Adds {@code name: value} or, with {@code more}, {@code name: value, more}. */
  WireHeadBuilder add(CharSequence name, CharSequence value, String more) {
    int valueLength = value.length() + (more == null ? 0 : more.length() + 2);
    ensure(name.length() + valueLength + 4);
    int nameStart = length;
    ascii(name);
    bytes[length++] = ':';
    bytes[length++] = ' ';
    int valueStart = length;
    ascii(value);
    if (more != null) {
      bytes[length++] = ',';
      bytes[length++] = ' ';
      ascii(more);
    }
    int valueEnd = length;
    bytes[length++] = '\r';
    bytes[length++] = '\n';
    fields = WireHead.grow(fields, count);
    WireHead.put(
        fields, count++, nameStart, nameStart + name.length(), valueStart, valueEnd, length);
    return this;
  }

  WireHead build() {
    return new WireHead(bytes, 0, length, fields, count);
  }

  private void ascii(CharSequence text) {
    if (text instanceof AsciiString bytesText) {
      bytesText.copy(0, bytes, length, bytesText.length());
      length += bytesText.length();
      return;
    }
    for (int k = 0; k < text.length(); k++) {
      bytes[length++] = (byte) text.charAt(k);
    }
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
