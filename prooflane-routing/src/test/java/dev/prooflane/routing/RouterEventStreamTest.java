package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-sent events pass the router as they are sent: the client reads the first event while the
 * upstream still holds the second back, over HTTP/1.1 and over HTTP/2.
 */
class RouterEventStreamTest {
  private HttpServer upstream;
  private volatile CountDownLatch release;
  private Router router;
  private int port;

  @BeforeEach
  void start() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    upstream.setExecutor(Executors.newCachedThreadPool());
    upstream.createContext(
        "/events",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            release.await(30, TimeUnit.SECONDS);
            out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    upstream.start();
    router = Router.start(RouterOptions.defaults());
    port = router.listen("feed", 0);
    router.update(
        t ->
            t.withBaseline(
                "feed", new Upstream("127.0.0.1", upstream.getAddress().getPort(), "b")));
  }

  @AfterEach
  void stop() {
    router.close();
    upstream.stop(0);
  }

  @Test
  void streamsEachEventOverHttp11BeforeTheNextIsSent() throws Exception {
    streamsEachEventBeforeTheNextIsSent(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void streamsEachEventOverHttp2BeforeTheNextIsSent() throws Exception {
    streamsEachEventBeforeTheNextIsSent(HttpClient.Version.HTTP_2);
  }

  private void streamsEachEventBeforeTheNextIsSent(HttpClient.Version version) throws Exception {
    release = new CountDownLatch(1);
    // the JDK's client: HTTP/2 by Upgrade: h2c on the first request
    HttpResponse<InputStream> response =
        HttpClient.newBuilder()
            .version(version)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(response.version()).isEqualTo(version);
      assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
      assertThat(events.readLine()).isEqualTo("data: first");
      release.countDown();
      assertThat(events.readLine()).isEmpty();
      assertThat(events.readLine()).isEqualTo("data: second");
    }
  }
}
