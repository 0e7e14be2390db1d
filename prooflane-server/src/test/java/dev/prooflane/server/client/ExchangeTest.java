package dev.prooflane.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.List;
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
    assertStreamed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\none\n\r\n",
        "4\r\ntwo\n\r\n0\r\n\r\n");
  }

  @Test
  void passesAChunksBytesOnBeforeTheLineBreakThatEndsItArrives() throws Exception {
    assertStreamed(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\none\n",
        "\r\n4\r\ntwo\n\r\n0\r\n\r\n");
  }

  /**
   * Answers with {@code first}, and with {@code rest} only once the client has read "one\n" from
   * the body, which then reads on to "two\n".
   */
  private void assertStreamed(String first, String rest) throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    CompletableFuture<Void> server =
        CompletableFuture.runAsync(
            () -> {
              try (Socket socket = this.server.accept()) {
                socket.getInputStream().read(new byte[4096]);
                OutputStream out = socket.getOutputStream();
                out.write(first.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // the rest only once the client has read the first chunk
                if (!firstRead.await(30, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the first chunk was not read");
                }
                out.write(rest.getBytes(StandardCharsets.US_ASCII));
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    try (Exchange exchange = Exchange.send(uri("/x"), "POST", Map.of(), null, 5_000, 10_000)) {
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

  @Test
  void aLineBreakOrSeparatorThatCouldSplitTheRequestIsNeverSent() throws Exception {
    for (Map<String, String> headers :
        List.of(
            Map.of("X-Name", "pr-1\nX-Injected: 1"),
            Map.of("X-Name", "pr-1\rX-Injected: 1"),
            Map.of("X-Name", "pr-1\u0000"),
            Map.of("X-Name", "caf\u00e9"),
            Map.of("X-Na me", "1"),
            Map.of("X-Name:", "1"),
            Map.of("", "1"))) {
      assertThatThrownBy(() -> Exchange.send(uri("/x"), "GET", headers, null, 5_000, 5_000))
          .as(headers.toString())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected:");
    }
    for (String method : List.of("GET /y HTTP/1.1\r\nX:", "GET\n", "")) {
      assertThatThrownBy(() -> Exchange.send(uri("/x"), method, Map.of(), null, 5_000, 5_000))
          .isInstanceOf(IllegalArgumentException.class);
    }

    // a value with a tab is a valid header value, and arrives as it was
    CompletableFuture<String> request =
        answerOnce(0, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    try (Exchange exchange =
        Exchange.send(uri("/x"), "GET", Map.of("X-Name", "a\tb c"), null, 5_000, 5_000)) {
      assertThat(exchange.status()).isEqualTo(200);
    }
    assertThat(request.get(10, TimeUnit.SECONDS)).contains("X-Name: a\tb c\r\n");
  }

  @Test
  void sendsAPathAndQueryBeyondAsciiPercentEncodedAsUtf8() throws Exception {
    CompletableFuture<String> request =
        answerOnce(0, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

    try (Exchange exchange =
        Exchange.send(
            uri("/api/v1/sandboxes/caf\u00e9?q=\u00fc"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(exchange.status()).isEqualTo(200);
    }

    assertThat(request.get(10, TimeUnit.SECONDS))
        .startsWith("GET /api/v1/sandboxes/caf%C3%A9?q=%C3%BC HTTP/1.1\r\n");
  }

  @Test
  void reachesADaemonOnTheIpv6LoopbackAndNamesItInHost() throws Exception {
    InetAddress ipv6;
    try {
      ipv6 = InetAddress.getByName("::1");
      server.close();
      server = new ServerSocket(0, 1, ipv6);
    } catch (IOException e) {
      assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
      return;
    }
    CompletableFuture<String> request =
        answerOnce(0, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    try (Exchange exchange =
        Exchange.send(
            URI.create("http://[::1]:" + server.getLocalPort() + "/x"),
            "GET",
            Map.of(),
            null,
            5_000,
            5_000)) {
      assertThat(text(exchange)).isEqualTo("ok");
    }

    assertThat(request.get(10, TimeUnit.SECONDS))
        .contains("Host: [::1]:" + server.getLocalPort() + "\r\n");
  }

  @Test
  void anAnswerToHeadAndA204Or304HasNoBodyWhateverItsHeadersSay() throws Exception {
    answerOnce(0, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
    try (Exchange exchange = Exchange.send(uri("/x"), "HEAD", Map.of(), null, 5_000, 5_000)) {
      assertThat(exchange.status()).isEqualTo(200);
      assertThat(exchange.header("Content-Length")).isEqualTo("100");
      assertThat(text(exchange)).isEmpty();
    }
    for (String status : List.of("204 No Content", "304 Not Modified")) {
      answerOnce(0, "HTTP/1.1 " + status + "\r\nContent-Length: 5\r\n\r\n", "later");
      try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
        assertThat(text(exchange)).as(status).isEmpty();
      }
    }
  }

  @Test
  void delimitsABodyAsRfc9112SaysWhenItsHeadersDisagreeOrRepeat() throws Exception {
    // Transfer-Encoding wins over Content-Length
    answerOnce(
        0,
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
        "5\r\nhello\r\n0\r\n\r\n");
    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(text(exchange)).isEqualTo("hello");
    }
    // chunked as the last of codings listed over two fields
    answerOnce(
        0,
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\ntransfer-encoding: Chunked\r\n\r\n",
        "2\r\nok\r\n0\r\n\r\n");
    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(text(exchange)).isEqualTo("ok");
    }
    // a coding that is not chunked last: the body ends with the connection
    answerOnce(0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, x-other\r\n\r\n", "5\r\nraw");
    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(text(exchange)).isEqualTo("5\r\nraw");
    }
    // the same length twice is that length
    answerOnce(0, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nokay");
    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(text(exchange)).isEqualTo("ok");
    }
    // two lengths, or a length that is not one, leave the end unknown
    for (String length : List.of("2\r\nContent-Length: 4", "2, 4", "+2", "-1", "0x2", "")) {
      answerOnce(0, "HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\nokay");
      assertThatThrownBy(() -> Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000))
          .as(length)
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("Content-Length");
    }
  }

  @Test
  void aChunkSizeThatIsNotHexadecimalDigitsIsAnError() throws Exception {
    for (String size : List.of("+5", "-1", "", "0x5", "ffffffffffffffff")) {
      answerOnce(
          0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\nhello\r\n");
      try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
        assertThatThrownBy(() -> text(exchange))
            .as(size)
            .isInstanceOf(ProtocolException.class)
            .hasMessageContaining("chunk size");
      }
    }
  }

  @Test
  void aStatusLineWithoutAThreeDigitCodeIsRefusedAndAFoldedHeaderIsOneValue() throws Exception {
    for (String status : List.of("HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "HTTP/1.1 099 Early")) {
      answerOnce(0, status + "\r\nContent-Length: 0\r\n\r\n");
      assertThatThrownBy(() -> Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000))
          .as(status)
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("status line");
    }
    answerOnce(
        0,
        "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\nContent-Length: 0\r\n\r\n");
    try (Exchange exchange = Exchange.send(uri("/x"), "GET", Map.of(), null, 5_000, 5_000)) {
      assertThat(exchange.status()).isEqualTo(200);
      assertThat(exchange.header("X-Long")).isEqualTo("one two");
      assertThat(exchange.header("Link")).isNull();
    }
  }

  @Test
  void carriesLargeBodiesBeyondAsciiBothWays() throws Exception {
    String text = "sandbox \u00e9\u00e8 \u4e2d\u6587 \ud83d\ude80\n".repeat(200_000);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    CompletableFuture<String> request =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                  head.write(in.read());
                }
                byte[] body = in.readNBytes(bytes.length);
                OutputStream out = socket.getOutputStream();
                out.write(
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                for (int at = 0; at < body.length; at += 7_919) {
                  int n = Math.min(7_919, body.length - at);
                  out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                  out.write(body, at, n);
                  out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return head.toString(StandardCharsets.ISO_8859_1);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    try (Exchange exchange = Exchange.send(uri("/x"), "POST", Map.of(), bytes, 5_000, 10_000)) {
      assertThat(text(exchange)).isEqualTo(text);
    }
    assertThat(request.get(30, TimeUnit.SECONDS)).contains("Content-Length: " + bytes.length);
  }

  @Test
  void anAnswerTheDaemonSentBeforeItReadTheWholeRequestIsRead() throws Exception {
    // in one write: the close with unread bytes resets the connection, dropping what is unsent
    answerOnce(
        0,
        "HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 13\r\nConnection: close\r\n\r\n"
            + "{\"error\":\"x\"}");

    try (Exchange exchange =
        Exchange.send(uri("/x"), "POST", Map.of(), new byte[64 << 20], 5_000, 5_000)) {
      assertThat(exchange.status()).isEqualTo(413);
      assertThat(text(exchange)).isEqualTo("{\"error\":\"x\"}");
    }
  }
}
