package dev.prooflane.mcp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-delimited messages from stdin, each at most {@link #MAX} bytes: a longer line is
 * skipped (read to its end, not kept) and reported by its size, so that one line can neither fill
 * the memory nor end the session.
 */
public final class LineReader {
  /** The longest line kept: 4 MiB. */
  public static final int MAX = 4 << 20;

  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int pos;
  private int end;

  public LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * One line read.
   *
   * @param text the line without its end, or null when it was too long
   * @param bytes its length in bytes
   */
  public record Line(String text, long bytes) {
    /** Whether it was longer than {@link #MAX} (and so not kept). */
    public boolean tooLong() {
      return text == null;
    }
  }

  /** The next line, or null at the end of the input. */
  public Line next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    long bytes = 0;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(buffer);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return any ? finish(line, bytes) : null;
        }
      }
      any = true;
      int start = pos;
      while (pos < end && buffer[pos] != '\n') {
        pos++;
      }
      int n = pos - start;
      if (bytes + n <= MAX) {
        line.write(buffer, start, n);
      }
      bytes += n;
      if (pos < end) {
        pos++;
        return finish(line, bytes);
      }
    }
  }

  private static Line finish(ByteArrayOutputStream line, long bytes) {
    if (bytes > MAX) {
      return new Line(null, bytes);
    }
    String text = line.toString(StandardCharsets.UTF_8);
    return new Line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, bytes);
  }
}
