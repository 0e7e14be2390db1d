package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
  private static final int REQUESTS = 20;

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
      long start = System.nanoTime();
      for (int i = 0; i < REQUESTS; i++) {
        RawHttpConnection.Response response = client.get("/item/" + i);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("nagle\n");
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      // One delayed ACK per exchange would take 20 x 40 ms = 800 ms; without one it takes ~100 ms.
      assertThat(millis).as("%d keep-alive requests took %d ms", REQUESTS, millis).isLessThan(400);
    }
  }
}
