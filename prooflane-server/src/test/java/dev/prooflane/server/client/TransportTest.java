package dev.prooflane.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the transport reports a daemon that is not there, one that refuses a request before reading
 * it, and a token it will not send.
 */
class TransportTest {
  @Test
  void aDaemonThatIsNotThereIsUnreachableWithTheSameAdviceForEveryExchange() throws Exception {
    String base;
    try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      base = "http://127.0.0.1:" + gone.getLocalPort() + "/api/v1";
    }
    Transport transport = new Transport(base, "secret");

    for (Runnable exchange :
        new Runnable[] {
          () -> transport.get("/status"),
          () -> transport.post("/sandboxes", Map.of()),
          () -> transport.postStreaming("/sandboxes", Map.of(), line -> {})
        }) {
      DaemonClientException e = catchThrowableOfType(DaemonClientException.class, exchange::run);
      assertThat(e.status()).isZero();
      assertThat(e.code()).isEqualTo("unreachable");
      assertThat(e.getMessage())
          .isEqualTo(
              "cannot reach the daemon at "
                  + base
                  + " (connection refused); is it running? see: prooflane status");
    }
  }

  @Test
  void aRequestTheDaemonRefusesBeforeReadingItGetsItsAnswerNotABrokenPipe() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // as the daemon answers a body over its limit: at once, then closes
      CompletableFuture<Void> daemon =
          CompletableFuture.runAsync(
              () -> {
                try (Socket socket = server.accept()) {
                  InputStream in = socket.getInputStream();
                  while (in.read() != '{') {
                    // the head, up to the body
                  }
                  String body = "{\"error\":\"too_large\",\"message\":\"the body is over 1 MiB\"}";
                  socket
                      .getOutputStream()
                      .write(
                          ("HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: "
                                  + body.length()
                                  + "\r\n\r\n"
                                  + body)
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      Transport transport =
          new Transport("http://127.0.0.1:" + server.getLocalPort() + "/api/v1", "secret");

      DaemonClientException e =
          catchThrowableOfType(
              DaemonClientException.class,
              () -> transport.post("/sandboxes", Map.of("spec", "x".repeat(32 << 20))));

      assertThat(e.status()).isEqualTo(413);
      assertThat(e.code()).isEqualTo("too_large");
      assertThat(e.getMessage()).isEqualTo("the body is over 1 MiB");
      daemon.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aTokenWithALineBreakIsNeverSentAndNeverShown() {
    Transport transport = new Transport("http://127.0.0.1:1/api/v1", "secret\r\nX-Admin: yes");

    assertThatThrownBy(() -> transport.get("/status"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Authorization")
        .hasMessageNotContaining("secret");
  }
}
