package dev.prooflane.routing;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.Protocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An h2c upstream that allows few concurrent streams ({@code SETTINGS_MAX_CONCURRENT_STREAMS}): the
 * router keeps within it and queues the streams beyond it, so more concurrent client streams than
 * the upstream allows all succeed instead of being refused.
 */
class RouterUpstreamStreamLimitTest {
  private static final int UPSTREAM_LIMIT = 4;
  private static final int CLIENT_STREAMS = 200;

  private final Map<HttpConnection, AtomicInteger> active = new ConcurrentHashMap<>();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private Vertx vertx;
  private HttpServer upstream;
  private Router router;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    upstream =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setInitialSettings(
                        new Http2Settings().setMaxConcurrentStreams(UPSTREAM_LIMIT)))
            .requestHandler(
                request -> {
                  AtomicInteger open =
                      active.computeIfAbsent(request.connection(), c -> new AtomicInteger());
                  mostAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
                  // answered on a later turn of the loop, so that streams overlap
                  vertx.runOnContext(
                      later -> {
                        open.decrementAndGet();
                        request.response().end("ok " + request.path());
                      });
                })
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
  void queuesStreamsBeyondTheUpstreamsConcurrencyLimitInsteadOfFailingThem() throws Exception {
    HttpClientAgent client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setHttp2MultiplexingLimit(CLIENT_STREAMS));
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < CLIENT_STREAMS; i++) {
      answers.add(
          client
              .request(new RequestOptions().setHost("127.0.0.1").setPort(port).setURI("/n/" + i))
              .compose(
                  r ->
                      r.send()
                          .compose(
                              response ->
                                  response
                                      .body()
                                      .map(body -> response.statusCode() + " " + body))));
    }
    // every answer, failed or not, before the assertions
    Future.join(answers).transform(done -> Future.succeededFuture()).await(60, TimeUnit.SECONDS);

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < CLIENT_STREAMS; i++) {
      expected.add("200 ok /n/" + i);
    }
    assertThat(answers.stream().map(a -> a.succeeded() ? a.result() : a.cause().toString()))
        .containsExactlyElementsOf(expected);
    assertThat(mostAtOnce.get()).isLessThanOrEqualTo(UPSTREAM_LIMIT);
    client.close().await();
  }

  @Test
  void answers504WhenAnH2cUpstreamAcceptsButNeverSendsItsSettings() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Router quick = Router.start(RouterOptions.defaults().withConnectTimeout(ofMillis(300)))) {
      int quickPort = quick.listen("api", 0);
      quick.update(
          t ->
              t.withBaseline(
                  "api", new Upstream("127.0.0.1", silent.getLocalPort(), "mute#1", Protocol.H2C)));

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + quickPort + "/x"))
                      .timeout(ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(response.body()).contains("no HTTP/2 SETTINGS from the upstream");
    }
  }
}
