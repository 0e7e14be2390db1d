package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.downSandbox;
import static dev.prooflane.routing.RouterFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 in cleartext on a listener, with clients the project did not write: Vert.x's HTTP/2 client
 * (prior knowledge) and the JDK's (by {@code Upgrade: h2c}). Every stream is routed by its own key.
 *
 * <p>A response's body is asked for in the callback that sends the request, on the request's event
 * loop: a later stage of the chain, attached from the test's thread, can come after Vert.x has
 * handled the whole answer, and then waits for a body that never comes.
 */
class RouterHttp2Test {
  private static final int STREAMS_PER_KEY = 1_000;

  private TestUpstream baseline;
  private TestUpstream forkA;
  private TestUpstream forkB;
  private Router router;
  private int port;
  private Vertx vertx;

  @BeforeEach
  void start() {
    baseline = TestUpstream.start("baseline/cart#1");
    forkA = TestUpstream.start("sbx-a/cart#1");
    forkB = TestUpstream.start("sbx-b/cart#1");
    router = Router.start(RouterOptions.defaults());
    port = router.listen("cart", 0);
    router.update(
        t ->
            t.withBaseline("cart", baseline.upstream())
                .withSandbox(sandbox("sbx-a", "key-a", "cart", forkA.upstream()))
                .withSandbox(sandbox("sbx-b", "key-b", "cart", forkB.upstream()))
                .withSandbox(downSandbox("sbx-down", "key-down", "cart", "forks starting")));
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
    router.close();
    baseline.close();
    forkA.close();
    forkB.close();
  }

  @Test
  void routesEveryStreamOfOneConnectionByItsOwnKey() throws Exception {
    HttpClientAgent client = priorKnowledgeClient();
    Map<String, String> expected =
        Map.of("key-a", "sbx-a/cart#1", "key-b", "sbx-b/cart#1", "", "baseline/cart#1");
    Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();
    List<Future<String>> answers = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < STREAMS_PER_KEY; i++) {
      for (String key : expected.keySet()) {
        RequestOptions request =
            new RequestOptions().setMethod(HttpMethod.GET).setURI("/cart/" + i);
        if (!key.isEmpty()) {
          request.putHeader("baggage", "user=u" + i + ",prooflane-key=" + key);
        }
        sent.add(key);
        answers.add(
            client
                .request(request)
                .compose(
                    r -> {
                      connections.add(r.connection());
                      return r.send().compose(response -> checkVersion(response).body());
                    })
                .map(body -> body.toString()));
      }
    }
    Future.join(answers).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    Map<String, Integer> misroutes = new ConcurrentHashMap<>();
    for (int i = 0; i < answers.size(); i++) {
      Future<String> answer = answers.get(i);
      String want = expected.get(sent.get(i));
      if (answer.failed() || !want.equals(answer.result())) {
        misroutes.merge(
            sent.get(i) + " -> " + (answer.failed() ? answer.cause() : answer.result()),
            1,
            Integer::sum);
      }
    }
    assertThat(misroutes).isEmpty();
    assertThat(connections).as("all streams on one HTTP/2 connection").hasSize(1);
    assertThat(forkA.received()).hasSize(STREAMS_PER_KEY);
    assertThat(forkB.received()).hasSize(STREAMS_PER_KEY);
    assertThat(baseline.received()).hasSize(STREAMS_PER_KEY);
  }

  @Test
  void keepsTheAuthorityAsHostAndForwardsHeadersAndBody() throws Exception {
    HttpClientAgent client = priorKnowledgeClient();
    String body =
        client
            .request(
                new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setURI("/cart/items?x=1")
                    .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
                    .setHost("shop.example")
                    .setPort(port)
                    .putHeader("x-prooflane-key", "key-a"))
            .compose(r -> r.send("twelve bytes").compose(response -> checkVersion(response).body()))
            .map(Object::toString)
            .await(10, TimeUnit.SECONDS);

    assertThat(body).isEqualTo("sbx-a/cart#1");
    TestUpstream.Received received = forkA.received().get(0);
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/cart/items");
    assertThat(received.header("host")).isEqualTo("shop.example:" + port);
    assertThat(received.header("x-forwarded-proto")).isEqualTo("http");
    assertThat(received.header("x-prooflane-key")).isEqualTo("key-a");
    assertThat(received.bodyBytes()).isEqualTo(12);
    assertThat(received.headers().keySet()).noneMatch(name -> name.startsWith("x-http2-"));
    // the hop is recorded once the answer has left: it may come a moment after the caller has it
    await().atMost(Duration.ofSeconds(5)).until(() -> !router.hops().recent(1).isEmpty());
    assertThat(router.hops().recent(1).get(0).destination()).isEqualTo("sbx-a");
  }

  @Test
  void answersAStreamWhoseForkIsDownWith503AndNeverTheBaseline() throws Exception {
    HttpClientAgent client = priorKnowledgeClient();
    Map.Entry<HttpClientResponse, String> answer =
        client
            .request(
                new RequestOptions().setURI("/cart/1").putHeader("x-prooflane-key", "key-down"))
            .compose(r -> r.send().compose(RouterHttp2Test::withBody))
            .await(10, TimeUnit.SECONDS);
    HttpClientResponse response = answer.getKey();
    String text = answer.getValue();

    assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(new JsonObject(text).getString("error")).isEqualTo("fork_unavailable");
    assertThat(baseline.received()).isEmpty();
  }

  @Test
  void refusesAPathLongerThanTheHttp11RequestLineWith414AndKeepsServing() throws Exception {
    HttpClientAgent client = priorKnowledgeClient();
    String longPath = "/cart/" + "x".repeat(8_200);
    Map.Entry<HttpClientResponse, String> answer =
        client
            .request(new RequestOptions().setURI(longPath))
            .compose(r -> r.send().compose(RouterHttp2Test::withBody))
            .await(10, TimeUnit.SECONDS);

    assertThat(answer.getKey().statusCode()).isEqualTo(414);
    assertThat(new JsonObject(answer.getValue()).getString("error"))
        .isEqualTo("request_line_too_long");
    assertThat(baseline.received()).isEmpty();
    String next =
        client
            .request(new RequestOptions().setURI("/cart/1"))
            .compose(r -> r.send().compose(HttpClientResponse::body))
            .map(Object::toString)
            .await(10, TimeUnit.SECONDS);
    assertThat(next).isEqualTo("baseline/cart#1");
  }

  @Test
  void upgradesAnHttp11ConnectionByH2cAndRoutesItsRequests() throws Exception {
    HttpClient jdk =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    URI uri = URI.create("http://127.0.0.1:" + port + "/cart/upgraded");

    HttpResponse<String> first =
        jdk.send(
            HttpRequest.newBuilder(uri).header("x-prooflane-key", "key-b").build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second =
        jdk.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(first.body()).isEqualTo("sbx-b/cart#1");
    assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(second.body()).isEqualTo("baseline/cart#1");
    assertThat(forkB.received())
        .singleElement()
        .satisfies(r -> assertThat(r.header("upgrade")).isNull());
  }

  private HttpClientAgent priorKnowledgeClient() {
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false)
            .setHttp2MultiplexingLimit(-1)
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(port),
        new PoolOptions().setHttp2MaxSize(1));
  }

  /** The response with its body, read in the callback that has the response (see the class). */
  private static Future<Map.Entry<HttpClientResponse, String>> withBody(
      HttpClientResponse response) {
    return response.body().map(body -> Map.entry(response, body.toString()));
  }

  private static HttpClientResponse checkVersion(HttpClientResponse response) {
    assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
    return response;
  }
}
