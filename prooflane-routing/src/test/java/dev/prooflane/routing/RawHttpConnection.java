package dev.prooflane.routing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One keep-alive HTTP/1.1 client connection over a plain socket, so tests control every header byte
 * (including the ones {@code java.net.http} refuses to send) and the connection's reuse.
 */
final class RawHttpConnection implements AutoCloseable {
  /** A response as read from the wire; header names lower-cased. */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : String.join(",", values);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttpConnection(int port) {
    try {
      this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(30_000);
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("connecting to 127.0.0.1:" + port, e);
    }
  }

  /** Sends {@code GET path} with the given extra header lines and reads the response. */
  Response get(String path, String... headerLines) {
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: test.local\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    request.append("\r\n");
    writeRaw(request.toString().getBytes(StandardCharsets.US_ASCII));
    return read();
  }

  void writeRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Response read() {
    try {
      String statusLine = line();
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, List<String>> headers = new TreeMap<>();
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        headers
            .computeIfAbsent(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      List<String> length = headers.get("content-length");
      List<String> encoding = headers.get("transfer-encoding");
      if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
        for (int size = Integer.parseInt(line().trim(), 16); size > 0; ) {
          body.write(in.readNBytes(size));
          line();
          size = Integer.parseInt(line().trim(), 16);
        }
        line();
      } else if (length != null) {
        body.write(in.readNBytes(Integer.parseInt(length.get(0))));
      }
      return new Response(status, headers, body.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    if (c < 0 && line.length() == 0) {
      throw new IOException("connection closed by the router");
    }
    return line.toString();
  }

  /** Sends {@code text} as ISO-8859-1 bytes, exactly as written. */
  void writeRaw(String text) {
    writeRaw(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Whether the router closes the connection within {@code wait} (an end of stream or a reset);
   * consumes any bytes that arrive meanwhile.
   */
  boolean closesWithin(java.time.Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return false;
        }
        socket.setSoTimeout((int) left);
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    } finally {
      try {
        socket.setSoTimeout(30_000);
      } catch (IOException e) {
        // closed: nothing left to read
      }
    }
  }

  /** Closes the client's side of the connection (a TCP half-close): it can still read. */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
