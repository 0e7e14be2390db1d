package dev.prooflane.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 exchanges against a server that writes its answers byte for byte: what the request
 * carries, and the three ways a body ends (its length, its last chunk, the close).
 */
class ExchangeTest {
  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  /**
   * Accepts one connection, reads the request's head and {@code bodyLength} bytes of body, writes
   * {@code answer} and closes; completes with the request as read.
   */
  private CompletableFuture<String> answerOnce(int bodyLength, String... answer) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
              request.write(in.read());
            }
            request.write(in.readNBytes(bodyLength));
            OutputStream out = socket.getOutputStream();
            for (String part : answer) {
              out.write(part.getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
            return request.toString(StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  private static String text(Exchange exchange) throws IOException {
    return new String(exchange.body().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void sendsTheMethodPathQueryHostHeadersAndBodyWithItsLength() throws Exception {
    CompletableFuture<String> request =
        answerOnce(10, "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");

    try (Exchange exchange =
        Exchange.send(
            uri("/api/v1/sandboxes?tail=5&sandbox=pr%201"),
            "POST",
            Map.of("Authorization", "Bearer secret"),
            "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8),
            5_000,
            5_000)) {
      assertThat(exchange.status()).isEqualTo(201);
      assertThat(text(exchange)).isEqualTo("{}");
    }

    assertThat(request.get(10, TimeUnit.SECONDS))
        .startsWith("POST /api/v1/sandboxes?tail=5&sandbox=pr%201 HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:" + server.getLocalPort() + "\r\n")
        .contains("Authorization: Bearer secret\r\n")
        .contains("Content-Length: 10\r\n")
        .contains("Connection: close\r\n")
        .endsWith("\r\n\r\n{\"a\":\"é\"}");
  }

  @Test
  void readsABodyOfAFixedLengthAndHeadersInAnyCase() throws Exception {
    answerOnce(
        0,
        "HTTP/1.1 404 Not Found\r\nlocation: /api/v1/runs/r-1\r\nCONTENT-LENGTH: 5\r\n\r\n",
        "hello and nothing of this");

    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(exchange.status()).isEqualTo(404);
      assertThat(exchange.header("Location")).isEqualTo("/api/v1/runs/r-1");
      assertThat(exchange.header("X-Missing")).isNull();
      assertThat(text(exchange)).isEqualTo("hello");
    }
  }

  @Test
  void decodesAChunkedBodyWithExtensionsAndTrailersSkippingAnInterimAnswer() throws Exception {
    answerOnce(
        0,
        "HTTP/1.1 100 Continue\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
        "6;name=value\r\nline 1\r\n",
        "9\r\n\nline 2\n\n\r\n",
        "0\r\nX-Trailer: yes\r\n\r\n",
        "not part of the body");

    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(exchange.status()).isEqualTo(200);
      assertThat(text(exchange)).isEqualTo("line 1\nline 2\n\n");
    }
  }

  @Test
  void passesEachChunkOnAsItArrives() throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    CompletableFuture<Void> server =
        CompletableFuture.runAsync(
            () -> {
              try (Socket socket = this.server.accept()) {
                socket.getInputStream().read(new byte[4096]);
                OutputStream out = socket.getOutputStream();
                out.write(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\none\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // the second chunk only once the client has read the first
                if (!firstRead.await(30, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the first chunk was not read");
                }
                out.write("4\r\ntwo\n\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    try (Exchange exchange = Exchange.send(uri("/x"), "POST", Map.of(), null, 5_000, 30_000)) {
      byte[] buffer = new byte[8192];
      int n = exchange.body().read(buffer, 0, buffer.length);
      assertThat(new String(buffer, 0, n, StandardCharsets.US_ASCII)).isEqualTo("one\n");
      firstRead.countDown();
      assertThat(text(exchange)).isEqualTo("two\n");
    }
    server.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aBodyWithoutLengthOrCodingEndsWithTheConnection() throws Exception {
    answerOnce(0, "HTTP/1.0 200 OK\r\n\r\n", "until ", "the close");

    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(text(exchange)).isEqualTo("until the close");
    }
  }

  @Test
  void anAnswerCutShortIsAnError() throws Exception {
    answerOnce(0, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
    assertThatThrownBy(() -> Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("5 bytes before the end");

    answerOnce(0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab");
    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThatThrownBy(() -> text(exchange)).isInstanceOf(ProtocolException.class);
    }

    answerOnce(0, "HTTP/1.1 200 OK\r\nContent-Le");
    assertThatThrownBy(() -> Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("closed the connection");
  }

  @Test
  void somethingOtherThanHttpIsRefused() throws Exception {
    answerOnce(0, "SSH-2.0-OpenSSH_9.2\r\n\r\n");

    assertThatThrownBy(() -> Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("SSH-2.0");
    assertThatThrownBy(
            () ->
                Exchange.send(
                    URI.create("https://127.0.0.1:1/x"), "GET", Map.of(), null, 5_000, 5_000))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("expected: http://");
  }

  @Test
  void aHeaderValueWithALineBreakIsNeverSent() {
    assertThatThrownBy(
            () ->
                Exchange.send(
                    uri("/x"),
                    "GET",
                    Map.of("Authorization", "Bearer a\r\nX-Injected: 1"),
                    null,
                    5_000,
                    5_000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedPortIsConnectionRefusedAndASilentServerTimesOut() throws Exception {
    URI closed;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = URI.create("http://127.0.0.1:" + gone.getLocalPort() + "/x");
    }
    assertThatThrownBy(() -> Exchange.send(closed, "GET", Map.of(), null, 5_000, 5_000))
        .isInstanceOf(ConnectException.class);

    // accepted by the backlog, never answered
    assertThatThrownBy(() -> Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 200))
        .isInstanceOf(SocketTimeoutException.class);
  }
}
