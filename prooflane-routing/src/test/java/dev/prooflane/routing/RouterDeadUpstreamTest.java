package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.forkUnavailable;
import static dev.prooflane.routing.RouterFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that are gone while their route still says running: a fork that refuses or drops
 * connections is answered as a down fork (503, never the baseline); the baseline keeps 502.
 */
class RouterDeadUpstreamTest {
  private final ShopRouter shop = new ShopRouter(RouterOptions.defaults());

  @AfterEach
  void stop() {
    shop.close();
  }

  private RawHttpConnection.Response get(String... headerLines) throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(shop.port)) {
      return connection.get("/price", headerLines);
    }
  }

  @Test
  void answersUnreachableBaselineWith502() throws Exception {
    int deadPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      deadPort = probe.getLocalPort();
    }
    shop.router.update(
        t -> t.withBaseline("shop", new Upstream("127.0.0.1", deadPort, "baseline/gone")));

    RawHttpConnection.Response response = get();

    assertThat(response.status()).isEqualTo(502);
    JsonObject body = new JsonObject(response.text());
    assertThat(body.getString("error")).isEqualTo("upstream_unreachable");
    assertThat(body.getString("destination")).isEqualTo("baseline");
    assertThat(body.getString("upstream")).isEqualTo("127.0.0.1:" + deadPort);
    assertThat(body.getString("message")).contains("check that the process is running");
  }

  /**
   * A fork that just exited, before the runtime noticed and marked its route down: its port refuses
   * connections, and the keyed request is answered as for a down fork.
   */
  @Test
  void answersAForkThatRefusesConnectionsWith503NeverTheBaseline() throws Exception {
    TestUpstream dying = TestUpstream.start("sbx-c/shop#1");
    Upstream dead = dying.upstream();
    shop.router.update(t -> t.withSandbox(sandbox("sbx-c", "key-c", "shop", dead)));
    assertThat(get("x-prooflane-key: key-c").text()).isEqualTo("sbx-c/shop#1");
    dying.close();

    RawHttpConnection.Response response = get("x-prooflane-key: key-c");

    assertThat(forkUnavailable(response.status(), response.text(), "sbx-c", "shop"))
        .isEqualTo(
            "fork 'shop' of sandbox 'sbx-c' at "
                + dead.address()
                + " refuses connections: it is down (exited, or no longer listening); the request"
                + " was NOT sent to the baseline");
    assertThat(shop.baseline.received()).isEmpty();
    // Both hops, in either order: a hop is recorded just after its answer is written, by the event
    // loop of its client connection, and the two requests came on two connections, which the router
    // serves on different loops; a busy machine can hold the first loop between that write and its
    // record until the second request has been answered and recorded.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(shop.router.hops().byKey("key-c"))
                    .extracting(HopRecord::status, HopRecord::destination, HopRecord::upstream)
                    .containsExactlyInAnyOrder(
                        tuple(200, "sbx-c", dead.address()), tuple(503, "sbx-c", dead.address())));
  }

  @Test
  void answersAForkThatResetsTheConnectionBeforeAnsweringWith503() throws Exception {
    try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> resetEach(resetting));
      acceptor.start();
      Upstream crashing = new Upstream("127.0.0.1", resetting.getLocalPort(), "sbx-c/shop#1");
      shop.router.update(t -> t.withSandbox(sandbox("sbx-c", "key-c", "shop", crashing)));

      RawHttpConnection.Response response = get("x-prooflane-key: key-c");

      assertThat(forkUnavailable(response.status(), response.text(), "sbx-c", "shop"))
          .contains("closed the connection before answering")
          .endsWith("; the request was NOT sent to the baseline");
      assertThat(shop.baseline.received()).isEmpty();
    }
  }

  /** Accepts connections and resets each once the first request byte arrived, until closed. */
  private static void resetEach(ServerSocket listener) {
    while (!listener.isClosed()) {
      try (Socket accepted = listener.accept()) {
        InputStream in = accepted.getInputStream();
        in.read();
        accepted.setSoLinger(true, 0);
      } catch (IOException closed) {
        return;
      }
    }
  }
}
