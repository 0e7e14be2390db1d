package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service declared {@code h2c}: the router speaks HTTP/2 with prior knowledge to it (Vert.x's
 * server, which says what version each request came in), whichever version the client spoke.
 */
class RouterH2cUpstreamTest {
  private Vertx vertx;
  private HttpServer upstream;
  private Router router;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    upstream =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body ->
                                request
                                    .response()
                                    .putHeader("x-upstream-saw", request.version().name())
                                    .end(request.method() + " " + request.path() + " " + body)))
            .listen(0, "127.0.0.1")
            .await();
    router = Router.start(RouterOptions.defaults());
    port = router.listen("api", 0);
    router.update(
        t ->
            t.withBaseline(
                "api", new Upstream("127.0.0.1", upstream.actualPort(), "b#1", Protocol.H2C)));
  }

  @AfterEach
  void stop() {
    router.close();
    vertx.close().await();
  }

  @Test
  void reachesAnH2cUpstreamFromAnHttp11Client() throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/items"))
                    .POST(HttpRequest.BodyPublishers.ofString("abc"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(response.body()).isEqualTo("POST /items abc");
    assertThat(response.headers().firstValue("x-upstream-saw")).hasValue("HTTP_2");
  }

  @Test
  void reachesAnH2cUpstreamFromAnHttp2Client() throws Exception {
    HttpClientAgent client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    String answer =
        client
            .request(
                new RequestOptions()
                    .setMethod(HttpMethod.PUT)
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI("/items/1"))
            // body() asked for in send()'s callback: asked later, the answer may have ended
            .compose(
                r ->
                    r.send("xyz")
                        .compose(
                            a -> a.body().map(body -> a.getHeader("x-upstream-saw") + " " + body)))
            .await(10, TimeUnit.SECONDS);

    assertThat(answer).isEqualTo("HTTP_2 PUT /items/1 xyz");
    client.close().await();
  }

  @Test
  void answersAnUpstreamThatResetsItsConnectionWith502AndLogsNoUnhandledError() throws Exception {
    UnhandledErrors unhandled = new UnhandledErrors();
    unhandled.start();
    try (ServerSocket resetting = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket socket = resetting.accept()) {
                  socket.getInputStream().read(new byte[64]); // the router's preface arrived
                  socket.setSoLinger(true, 0); // close with RST: "connection reset by peer"
                } catch (IOException ignored) {
                  // the test fails on the answer below if the peer did not do its part
                }
              });
      peer.start();
      router.update(
          t ->
              t.withBaseline(
                  "api",
                  new Upstream("127.0.0.1", resetting.getLocalPort(), "reset#1", Protocol.H2C)));

      HttpResponse<String> response =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/items")).build(),
                  HttpResponse.BodyHandlers.ofString());
      peer.join(10_000);

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(unhandled.warnings()).isEmpty();
    } finally {
      unhandled.stop();
    }
  }
}
