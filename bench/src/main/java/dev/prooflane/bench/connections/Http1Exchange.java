package dev.prooflane.bench.connections;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A keep-alive HTTP/1.1 {@code GET /} whose answer has a {@code Content-Length}. */
record Http1Exchange() implements FirstExchange {
  private static final byte[] REQUEST =
      "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern LENGTH = Pattern.compile("\r\ncontent-length:\\s*(\\d+)");

  @Override
  public void run(Socket socket) throws IOException {
    socket.getOutputStream().write(REQUEST);
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    int read = 0;
    int headEnd;
    while ((headEnd = headEnd(buffer, read)) < 0) {
      if (read == buffer.length) {
        buffer = Arrays.copyOf(buffer, read * 2);
      }
      int n = in.read(buffer, read, buffer.length - read);
      if (n < 0) {
        throw new EOFException("connection closed before the answer's head");
      }
      read += n;
    }
    String head = new String(buffer, 0, headEnd, StandardCharsets.US_ASCII);
    if (!head.startsWith("HTTP/1.1 200")) {
      throw new IOException("answer: " + head.lines().findFirst().orElse("") + " (expected: 200)");
    }
    Matcher length = LENGTH.matcher(head.toLowerCase(Locale.ROOT));
    if (!length.find()) {
      throw new IOException("answer without content-length: " + head);
    }
    long body = Long.parseLong(length.group(1)) - (read - headEnd);
    while (body > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, body));
      if (n < 0) {
        throw new EOFException("connection closed in the answer's body");
      }
      body -= n;
    }
  }

  /** Where the body starts (after the blank line), or -1 when the head is not complete yet. */
  private static int headEnd(byte[] buffer, int length) {
    for (int i = 3; i < length; i++) {
      if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }
}
