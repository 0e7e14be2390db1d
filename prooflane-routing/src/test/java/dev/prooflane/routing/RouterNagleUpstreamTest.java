package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An upstream that leaves Nagle's algorithm on (the JDK's {@code HttpServer} without {@code
 * sun.net.httpserver.nodelay}) writes the response head and body as two small segments; the second
 * waits for the first to be acknowledged, and a client that delays its ACK stalls every pooled
 * exchange by the delayed-ACK timeout (40 ms on Linux).
 */
class RouterNagleUpstreamTest {
  /** At most this many exchanges, until one is not stalled. */
  private static final int REQUESTS = 200;

  /** Linux's shortest delayed-ACK timeout. */
  private static final long STALL_MILLIS = 40;

  private HttpServer upstream;
  private Router router;
  private int port;

  @BeforeEach
  void start() throws IOException {
    assumeThat(Boolean.getBoolean("sun.net.httpserver.nodelay"))
        .as("the upstream must keep Nagle's algorithm on")
        .isFalse();
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    upstream.setExecutor(Executors.newSingleThreadExecutor());
    upstream.createContext(
        "/",
        exchange -> {
          byte[] body = "nagle\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    upstream.start();
    router = Router.start(RouterOptions.defaults());
    port = router.listen("slow-acks", 0);
    Upstream baseline =
        new Upstream("127.0.0.1", upstream.getAddress().getPort(), "baseline/slow-acks#1");
    router.update(t -> t.withBaseline("slow-acks", baseline));
  }

  @AfterEach
  void stop() {
    if (router != null) {
      router.close();
    }
    if (upstream != null) {
      upstream.stop(0);
      ((java.util.concurrent.ExecutorService) upstream.getExecutor()).shutdownNow();
    }
  }

  @Test
  void keepAliveRequestsToANagleUpstreamAreNotStalledByDelayedAcks() throws IOException {
    try (RawHttpConnection client = new RawHttpConnection(port)) {
      assertThat(client.get("/warm").status()).isEqualTo(200);
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        long start = System.nanoTime();
        RawHttpConnection.Response response = client.get("/item/" + i);
        millis.add((System.nanoTime() - start) / 1_000_000);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("nagle\n");
        if (millis.get(i) < STALL_MILLIS) {
          break;
        }
      }

      // A delayed ACK stalls every pooled exchange by at least 40 ms; without it an exchange takes
      // a millisecond or two. A busy machine slows some exchanges down, never all of them, so one
      // fast exchange among up to 200 tells the two apart without a timing budget.
      assertThat(Collections.min(millis))
          .as("the fastest of %d keep-alive requests (all, in ms: %s)", millis.size(), millis)
          .isLessThan(STALL_MILLIS);
    }
  }
}
