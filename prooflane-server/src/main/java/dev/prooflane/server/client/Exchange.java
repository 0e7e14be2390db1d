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
import java.util.function.IntPredicate;

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
    // a path or query with characters beyond ASCII goes percent-encoded (UTF-8), as RFC 3986 says
    byte[] head = head(URI.create(target.toASCIIString()), port, method, headers, body);
    // direct: the daemon is on this machine or reached as given, never through a SOCKS proxy (and
    // so the JVM's proxy selector, which reads the network settings, is never made)
    Socket socket = new Socket(Proxy.NO_PROXY);
    try {
      socket.connect(new InetSocketAddress(target.getHost(), port), connectTimeoutMillis);
      socket.setSoTimeout(answerTimeoutMillis);
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      try {
        OutputStream out = socket.getOutputStream();
        out.write(head);
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException e) {
        // the daemon may have answered (a refusal) and closed before it read the whole request:
        // its answer says more than the broken pipe does
        try {
          return read(socket, in, method);
        } catch (IOException unanswered) {
          e.addSuppressed(unanswered);
          throw e;
        }
      }
      return read(socket, in, method);
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
    head.append(token("method", method))
        .append(' ')
        .append(path == null || path.isEmpty() ? "/" : visible("path", path));
    if (target.getRawQuery() != null) {
      head.append('?').append(visible("query", target.getRawQuery()));
    }
    head.append(" HTTP/1.1\r\n");
    head.append("Host: ").append(target.getHost()).append(':').append(port).append("\r\n");
    headers.forEach(
        (name, value) ->
            head.append(token("header name", name))
                .append(": ")
                .append(fieldValue(name, value))
                .append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * {@code text}, when it is a token (RFC 9110, section 5.6.2): a method or a header name holds no
   * space, separator or control character.
   */
  private static String token(String what, String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException(what + ": empty (expected: a token)");
    }
    return checked(
        what,
        text,
        c -> c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0,
        "a token: ASCII letters, digits and !#$%&'*+-.^_`|~");
  }

  /**
   * {@code text}, when it holds only visible ASCII: a space or a line break in a request target
   * would end it early, and make the rest a header or a request of its own.
   */
  private static String visible(String what, String text) {
    return checked(what, text, c -> c > 0x20 && c < 0x7f, "visible ASCII, percent-encoded");
  }

  /**
   * {@code text}, when it is a header value of printable ASCII, spaces and tabs: a line break would
   * end the header early, and make the rest another header or request.
   */
  private static String fieldValue(String what, String text) {
    return checked(
        what, text, c -> c == '\t' || (c >= 0x20 && c < 0x7f), "printable ASCII, no line break");
  }

  private static String checked(String what, String text, IntPredicate allowed, String expected) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!allowed.test(c)) {
        throw new IllegalArgumentException(
            "%s: character U+%04X at %d (expected: %s)".formatted(what, (int) c, i, expected));
      }
    }
    return text;
  }

  /** Reads the status line and headers, skipping interim (1xx) answers. */
  private static Exchange read(Socket socket, InputStream in, String method) throws IOException {
    while (true) {
      String statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2
          || !parts[0].startsWith("HTTP/1.")
          || parts[1].length() != 3
          || !parts[1].chars().allMatch(Exchange::isDigit)
          || parts[1].charAt(0) == '0') {
        throw new ProtocolException("not an HTTP/1.x status line: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = headers(in);
      if (status < 200) {
        continue;
      }
      return new Exchange(socket, status, headers, body(in, method, status, headers));
    }
  }

  /**
   * The header fields up to the empty line, by lower-case name; a field that came more than once
   * holds its values joined with commas (RFC 9110, section 5.3), and a line folded onto the next
   * (obsolete, RFC 9112 section 5.2) is one value.
   */
  private static Map<String, String> headers(InputStream in) throws IOException {
    Map<String, String> headers = new HashMap<>();
    String last = null;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if ((header.charAt(0) == ' ' || header.charAt(0) == '\t') && last != null) {
        headers.merge(last, header.strip(), (value, more) -> value + " " + more);
        continue;
      }
      int colon = header.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("not a header line: " + header);
      }
      last = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      headers.merge(
          last, header.substring(colon + 1).strip(), (value, more) -> value + ", " + more);
    }
    return headers;
  }

  /**
   * The body as RFC 9112 (section 6.3) delimits an answer's: none for HEAD, 1xx, 204 and 304;
   * chunked when that is the last transfer coding, up to the close for any other; else of its
   * Content-Length, else up to the close.
   */
  private static InputStream body(
      InputStream in, String method, int status, Map<String, String> headers) throws IOException {
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return InputStream.nullInputStream();
    }
    String coding = headers.get("transfer-encoding");
    if (coding != null) {
      String[] codings = coding.split(",");
      return codings[codings.length - 1].strip().equalsIgnoreCase("chunked")
          ? new ChunkedBody(in)
          : in;
    }
    String length = headers.get("content-length");
    if (length == null) {
      return in; // up to the close
    }
    int size = contentLength(length);
    byte[] bytes = in.readNBytes(size);
    if (bytes.length < size) {
      throw new ProtocolException(
          "the daemon closed the connection "
              + (size - bytes.length)
              + " bytes before the end of its answer");
    }
    return new ByteArrayInputStream(bytes);
  }

  /**
   * The length a Content-Length field gives; the same length repeated (a field that came twice) is
   * that length, different ones are an error: the answer's end is unknown.
   */
  private static int contentLength(String field) throws ProtocolException {
    long size = -1;
    for (String value : field.split(",")) {
      String digits = value.strip();
      long one =
          !digits.isEmpty() && digits.length() <= 10 && digits.chars().allMatch(Exchange::isDigit)
              ? Long.parseLong(digits)
              : -1;
      if (one < 0 || one > Integer.MAX_VALUE || (size >= 0 && one != size)) {
        throw new ProtocolException(
            "Content-Length: " + field + " (expected: one length, 0 to 2^31 - 1)");
      }
      size = one;
    }
    return (int) size;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
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
