package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hop count: every pass through the router adds one, and too many passes answer 508. */
class RouterLoopTest {
  private TestUpstream upstream;
  private Router router;
  private int port;

  @BeforeEach
  void start() {
    upstream = TestUpstream.start("baseline/orders#1");
    router = Router.start(RouterOptions.defaults());
    port = router.listen("orders", 0);
    router.update(t -> t.withBaseline("orders", upstream.upstream()));
  }

  @AfterEach
  void stop() {
    router.close();
    upstream.close();
  }

  @Test
  void countsTheHopInTheForwardedRequest() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.get("/first");
      connection.get("/second", "x-prooflane-hops: 3");
    }

    assertThat(upstream.received())
        .extracting(received -> received.header("x-prooflane-hops"))
        .containsExactly("1", "4");
  }

  @Test
  void stopsARouteTableThatSendsAServiceToItsOwnListenerWith508() throws IOException {
    router.update(t -> t.withBaseline("orders", new Upstream("127.0.0.1", port, "loop")));

    RawHttpConnection.Response response;
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      response = connection.get("/loop");
    }

    assertThat(response.status()).isEqualTo(508);
    JsonObject body = new JsonObject(response.text());
    assertThat(body.getString("error")).isEqualTo("loop_detected");
    assertThat(body.getString("service")).isEqualTo("orders");
    assertThat(body.getInteger("hops")).isEqualTo(16);
    assertThat(body.getString("message")).contains("service 'orders'");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<HopRecord> hops = router.hops().recent(100);
              assertThat(hops).hasSize(17).allMatch(hop -> hop.status() == 508);
              assertThat(hops)
                  .filteredOn(hop -> hop.destination().equals(HopRecord.REFUSED))
                  .hasSize(1);
            });
    assertThat(upstream.received()).isEmpty();

    router.update(t -> t.withBaseline("orders", upstream.upstream()));
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      assertThat(connection.get("/fixed").text()).isEqualTo("baseline/orders#1");
    }
  }

  @Test
  void honoursAConfiguredHopLimit() throws IOException {
    router.close();
    router = Router.start(RouterOptions.defaults().withMaxHops(3));
    port = router.listen("orders", 0);
    router.update(t -> t.withBaseline("orders", upstream.upstream()));

    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      assertThat(connection.get("/ok", "x-prooflane-hops: 2").status()).isEqualTo(200);
      RawHttpConnection.Response refused = connection.get("/loop", "x-prooflane-hops: 3");

      assertThat(refused.status()).isEqualTo(508);
      assertThat(new JsonObject(refused.text()).getInteger("hops")).isEqualTo(3);
    }
  }

  @Test
  void refusesAMalformedHopCount() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      RawHttpConnection.Response letters = connection.get("/h", "x-prooflane-hops: abc");
      RawHttpConnection.Response huge = connection.get("/h", "x-prooflane-hops: 1000");
      RawHttpConnection.Response twice =
          connection.get("/h", "x-prooflane-hops: 1", "x-prooflane-hops: 0");

      assertThat(List.of(letters, huge, twice))
          .allSatisfy(
              response -> {
                assertThat(response.status()).isEqualTo(400);
                assertThat(new JsonObject(response.text()).getString("error"))
                    .isEqualTo("invalid_hop_count");
              });
    }
    assertThat(upstream.received()).isEmpty();
  }
}
