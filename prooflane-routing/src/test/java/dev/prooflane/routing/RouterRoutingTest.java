package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.downSandbox;
import static dev.prooflane.routing.RouterFixture.forkUnavailable;
import static dev.prooflane.routing.RouterFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterRoutingTest {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private TestUpstream baseline;
  private TestUpstream fork;
  private TestUpstream otherServiceFork;
  private Router router;
  private int port;

  @BeforeEach
  void startRouter() {
    baseline = TestUpstream.start("baseline/pricing#1");
    fork = TestUpstream.start("sbx-a/pricing#1");
    otherServiceFork = TestUpstream.start("sbx-b/catalog#1");
    router = Router.start(RouterOptions.defaults());
    port = router.listen("pricing", 0);
    router.update(
        t ->
            t.withBaseline("pricing", baseline.upstream())
                .withSandbox(sandbox("sbx-a", "key-a", "pricing", fork.upstream()))
                .withSandbox(sandbox("sbx-b", "key-b", "catalog", otherServiceFork.upstream())));
  }

  @AfterEach
  void stop() {
    router.close();
    baseline.close();
    fork.close();
    otherServiceFork.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesKeyedRequestToFork() throws Exception {
    HttpResponse<String> response = get("/price", "x-prooflane-key", "key-a");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("sbx-a/pricing#1");
    assertThat(baseline.received()).isEmpty();
  }

  @Test
  void routesBaggageKeyedRequestToFork() throws Exception {
    HttpResponse<String> response =
        get("/price", "baggage", "userId=alice, prooflane-key = key-a ;ttl=3, other=1");

    assertThat(response.body()).isEqualTo("sbx-a/pricing#1");
  }

  @Test
  void routesUnkeyedRequestToBaseline() throws Exception {
    HttpResponse<String> response = get("/price");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("baseline/pricing#1");
    assertThat(fork.received()).isEmpty();
  }

  @Test
  void routesUnknownKeyToBaseline() throws Exception {
    assertThat(get("/price", "x-prooflane-key", "nobody").body()).isEqualTo("baseline/pricing#1");
  }

  @Test
  void routesKeyOfSandboxThatDoesNotForkThisServiceToBaseline() throws Exception {
    HttpResponse<String> response = get("/price", "x-prooflane-key", "key-b");

    assertThat(response.body()).isEqualTo("baseline/pricing#1");
    assertThat(otherServiceFork.received()).isEmpty();
  }

  @Test
  void answersDownForkWith503AndNeverUsesBaseline() throws Exception {
    router.update(
        t -> t.withSandbox(downSandbox("sbx-a", "key-a", "pricing", "fork 'pricing' crashed")));

    HttpResponse<String> response = get("/price", "x-prooflane-key", "key-a");

    assertThat(forkUnavailable(response.statusCode(), response.body(), "sbx-a", "pricing"))
        .isEqualTo("fork 'pricing' crashed; the request was NOT sent to the baseline");
    assertThat(baseline.received()).isEmpty();
    assertThat(fork.received()).isEmpty();
  }

  @Test
  void answersInvalidKeyWith400NamingTheCarrier() throws Exception {
    HttpResponse<String> response = get("/price", "x-prooflane-key", "bad key!");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo("invalid_routing_key");
    assertThat(body.getString("carrier")).isEqualTo("header 'x-prooflane-key'");
    assertThat(baseline.received()).isEmpty();
  }

  @Test
  void answersConflictingKeysWith400NamingBothCarriers() throws Exception {
    HttpResponse<String> response =
        get("/price", "baggage", "prooflane-key=key-a", "x-prooflane-key", "key-b");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("message"))
        .contains("baggage member 'prooflane-key' is 'key-a'")
        .contains("header 'x-prooflane-key' is 'key-b'");
  }

  @Test
  void answers503NamingServiceWithoutBaseline() throws Exception {
    router.update(t -> t.withoutBaseline("pricing"));

    HttpResponse<String> response = get("/price");

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo("no_baseline");
    assertThat(body.getString("service")).isEqualTo("pricing");
  }

  @Test
  void answersSlowUpstreamWith504() throws Exception {
    router.close();
    router = Router.start(RouterOptions.defaults().withIdleTimeout(Duration.ofMillis(300)));
    port = router.listen("pricing", 0);
    router.update(t -> t.withBaseline("pricing", baseline.upstream()));
    baseline.delay(3_000);

    HttpResponse<String> response = get("/slow");

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("upstream_timeout");
  }

  @Test
  void sendsNextRequestOnSameConnectionToBaselineAfterRouteDelete() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      assertThat(connection.get("/one", "x-prooflane-key: key-a").text())
          .isEqualTo("sbx-a/pricing#1");

      router.update(t -> t.withoutSandbox("sbx-a"));

      assertThat(connection.get("/two", "x-prooflane-key: key-a").text())
          .isEqualTo("baseline/pricing#1");
    }
  }

  @Test
  void neverReusesPooledConnectionOfRemovedUpstream() throws Exception {
    try (LingeringUpstream first = new LingeringUpstream("sbx-c/pricing#1")) {
      int reusedPort = first.port();
      router.update(t -> t.withSandbox(sandbox("sbx-c", "key-c", "pricing", first.upstream())));
      assertThat(get("/", "x-prooflane-key", "key-c").body()).isEqualTo("sbx-c/pricing#1");
      assertThat(first.openConnections()).isEqualTo(1);

      router.update(t -> t.withoutSandbox("sbx-c"));
      // well under the pool's 4 s keep-alive: the route change itself closed it
      await().atMost(Duration.ofSeconds(10)).until(() -> first.openConnections() == 0);
      try (LingeringUpstream second = new LingeringUpstream("sbx-c/pricing#2", reusedPort)) {
        first.closeListener();
        router.update(t -> t.withSandbox(sandbox("sbx-c", "key-c", "pricing", second.upstream())));

        HttpResponse<String> response = get("/", "x-prooflane-key", "key-c");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("sbx-c/pricing#2");
      }
    }
  }

  @Test
  void keepsNoConnectionToUpstreamReplacedUnderSameAddress() throws Exception {
    try (LingeringUpstream first = new LingeringUpstream("sbx-c/pricing#1")) {
      router.update(t -> t.withSandbox(sandbox("sbx-c", "key-c", "pricing", first.upstream())));
      assertThat(get("/", "x-prooflane-key", "key-c").body()).isEqualTo("sbx-c/pricing#1");

      Upstream replacement = new Upstream("127.0.0.1", first.port(), "sbx-c/pricing#2");
      router.update(t -> t.withSandbox(sandbox("sbx-c", "key-c", "pricing", replacement)));

      // well under the pool's 4 s keep-alive: the route change itself closed it
      await().atMost(Duration.ofSeconds(10)).until(() -> first.openConnections() == 0);
    }
  }

  @Test
  void dropsHopByHopHeadersBothWaysAndAddsForwardingHeaders() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      RawHttpConnection.Response response =
          connection.get(
              "/headers",
              "Connection: keep-alive, x-client-secret",
              "x-client-secret: hop",
              "Keep-Alive: timeout=5",
              "Proxy-Authorization: Basic abc",
              "TE: trailers",
              "X-Forwarded-For: 10.0.0.1",
              "baggage: prooflane-key=key-a",
              "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

      TestUpstream.Received received = fork.received().get(0);
      assertThat(received.headers())
          .doesNotContainKeys(
              "connection", "x-client-secret", "keep-alive", "proxy-authorization", "te");
      assertThat(received.header("host")).isEqualTo("test.local");
      assertThat(received.header("x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
      assertThat(received.header("x-forwarded-host")).isEqualTo("test.local");
      assertThat(received.header("x-forwarded-proto")).isEqualTo("http");
      assertThat(received.header("baggage")).isEqualTo("prooflane-key=key-a");
      assertThat(received.header("traceparent"))
          .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
      assertThat(response.headers())
          .doesNotContainKeys("x-upstream-secret", "proxy-authenticate")
          .containsKey("x-upstream");
      assertThat(response.header("keep-alive")).isNull();
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(router.hops().byKey("key-a"))
                      .singleElement()
                      .extracting(HopRecord::traceId)
                      .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }
  }

  @Test
  void recordsEveryHopWithDestinationUpstreamAndStatus() throws Exception {
    get("/a", "x-prooflane-key", "key-a");
    get("/b?secret=1", "x-prooflane-key", "key-b");
    get("/c");

    await().atMost(Duration.ofSeconds(5)).until(() -> router.hops().recent(10).size() == 3);
    assertThat(router.hops().recent(10))
        .extracting(
            HopRecord::routingKey,
            HopRecord::service,
            HopRecord::destination,
            HopRecord::upstream,
            HopRecord::path,
            HopRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "key-a", "pricing", "sbx-a", fork.upstream().address(), "/a", 200),
            org.assertj.core.groups.Tuple.tuple(
                "key-b", "pricing", "baseline", baseline.upstream().address(), "/b", 200),
            org.assertj.core.groups.Tuple.tuple(
                null, "pricing", "baseline", baseline.upstream().address(), "/c", 200));
    assertThat(router.hops().byKey("key-b"))
        .singleElement()
        .extracting(HopRecord::method)
        .isEqualTo("GET");
  }

  @Test
  void keepsOnlyHopLogCapacityRecords() throws Exception {
    router.close();
    router = Router.start(RouterOptions.defaults().withHopLogCapacity(5));
    port = router.listen("pricing", 0);
    router.update(t -> t.withBaseline("pricing", baseline.upstream()));

    for (int i = 0; i < 12; i++) {
      get("/" + i, "x-prooflane-key", "key-z");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> router.hops().since(11).size() == 1);

    assertThat(router.hops().byKey("key-z"))
        .extracting(HopRecord::path)
        .containsExactly("/7", "/8", "/9", "/10", "/11");
    assertThat(router.hops().since(10)).extracting(HopRecord::seq).containsExactly(11L, 12L);
  }
}
