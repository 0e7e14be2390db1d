package dev.prooflane.server.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request to the daemon and its answer, over a connection of its own: the status, the
 * headers, and the body as it arrives (of a fixed length, chunked, or up to the close).
 *
 * <p>Not {@code HttpURLConnection}: the first {@code http:} URL of a JVM asks every jar on the
 * class path whether it provides a URL handler, which opens all of the CLI's ninety-odd jars (tens
 * of milliseconds of every command that asks the daemon). The daemon speaks plain HTTP/1.1, and a
 * request to it needs no more than this.
 */
final class Exchange implements Closeable {
  /** The longest status or header line read: an answer with a longer one is not the daemon's. */
  private static final int MAX_LINE = 64 * 1024;

  private final Socket socket;
  private final int status;
  private final Map<String, String> headers;
  private final InputStream body;

  private Exchange(Socket socket, int status, Map<String, String> headers, InputStream body) {
    this.socket = socket;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Sends {@code method} to {@code target} (an {@code http:} URI) with {@code headers} and {@code
   * body} (none when null), and reads the answer up to its body. The connection must be made within
   * {@code connectTimeoutMillis}, and each read wait at most {@code answerTimeoutMillis} (0: no
   * limit).
   */
  static Exchange send(
      URI target,
      String method,
      Map<String, String> headers,
      byte[] body,
      int connectTimeoutMillis,
      int answerTimeoutMillis)
      throws IOException {
    if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
      throw new ProtocolException(
          "not an http URL: " + target + " (expected: http://HOST:PORT/...)");
    }
    int port = target.getPort() < 0 ? 80 : target.getPort();
    byte[] head = head(target, port, method, headers, body);
    // direct: the daemon is on this machine or reached as given, never through a SOCKS proxy (and
    // so the JVM's proxy selector, which reads the network settings, is never made)
    Socket socket = new Socket(Proxy.NO_PROXY);
    try {
      socket.connect(new InetSocketAddress(target.getHost(), port), connectTimeoutMillis);
      socket.setSoTimeout(answerTimeoutMillis);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(socket, new BufferedInputStream(socket.getInputStream()), method);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** The status code of the answer. */
  int status() {
    return status;
  }

  /** The value of the answer's header {@code name} (any case), or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The answer's body, decoded from its transfer coding; it ends where the answer ends. */
  InputStream body() {
    return body;
  }

  /** Closes the connection. */
  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static byte[] head(
      URI target, int port, String method, Map<String, String> headers, byte[] body) {
    String path = target.getRawPath();
    StringBuilder head = new StringBuilder();
    head.append(printable("method", method))
        .append(' ')
        .append(path == null || path.isEmpty() ? "/" : printable("path", path));
    if (target.getRawQuery() != null) {
      head.append('?').append(printable("query", target.getRawQuery()));
    }
    head.append(" HTTP/1.1\r\n");
    head.append("Host: ").append(target.getHost()).append(':').append(port).append("\r\n");
    headers.forEach(
        (name, value) ->
            head.append(printable("header name", name))
                .append(": ")
                .append(printable(name, value))
                .append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code text}, when it is printable ASCII (a line break would end a request line early). */
  private static String printable(String what, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException(
            "%s: character U+%04X at %d (expected: printable ASCII)".formatted(what, (int) c, i));
      }
    }
    return text;
  }

  /** Reads the status line and headers, skipping interim (1xx) answers. */
  private static Exchange read(Socket socket, InputStream in, String method) throws IOException {
    while (true) {
      String statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new ProtocolException("not an HTTP/1.x status line: " + statusLine);
      }
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new ProtocolException("not an HTTP/1.x status line: " + statusLine);
      }
      Map<String, String> headers = new HashMap<>();
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("not a header line: " + header);
        }
        headers.putIfAbsent(
            header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).strip());
      }
      if (status >= 100 && status < 200) {
        continue;
      }
      return new Exchange(socket, status, headers, body(in, method, status, headers));
    }
  }

  private static InputStream body(
      InputStream in, String method, int status, Map<String, String> headers) throws IOException {
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return InputStream.nullInputStream();
    }
    String coding = headers.get("transfer-encoding");
    if (coding != null && coding.toLowerCase(Locale.ROOT).endsWith("chunked")) {
      return new ChunkedBody(in);
    }
    String length = headers.get("content-length");
    if (length == null) {
      return in; // up to the close
    }
    long size;
    try {
      size = Long.parseLong(length);
    } catch (NumberFormatException e) {
      size = -1;
    }
    if (size < 0 || size > Integer.MAX_VALUE) {
      throw new ProtocolException("Content-Length: " + length + " (expected: 0 to 2^31 - 1)");
    }
    byte[] bytes = in.readNBytes((int) size);
    if (bytes.length < size) {
      throw new ProtocolException(
          "the daemon closed the connection "
              + (size - bytes.length)
              + " bytes before the end of its answer");
    }
    return new ByteArrayInputStream(bytes);
  }

  /** One line up to CRLF (or LF), without it, as ISO-8859-1. */
  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new ProtocolException("the daemon closed the connection in the middle of an answer");
      }
      if (line.size() >= MAX_LINE) {
        throw new ProtocolException("a line of the answer is over " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
