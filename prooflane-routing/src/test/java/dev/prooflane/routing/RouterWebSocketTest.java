package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.downSandbox;
import static dev.prooflane.routing.RouterFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prooflane.model.KeyNames;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WebSockets through the router with Vert.x's WebSocket client and server: routed at the handshake
 * by the key in a header or, as browsers must, in the query; then frames both ways until either
 * side closes.
 */
class RouterWebSocketTest {
  private Vertx vertx;
  private HttpServer baseline;
  private HttpServer fork;
  private final List<String> baselineGot = new CopyOnWriteArrayList<>();
  private final List<String> forkGot = new CopyOnWriteArrayList<>();
  private Router router;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    baseline = echoServer("baseline", baselineGot);
    fork = echoServer("fork", forkGot);
    router =
        Router.start(
            RouterOptions.defaults()
                .withKeyNames(
                    new KeyNames(
                        KeyNames.DEFAULT.baggage(),
                        KeyNames.DEFAULT.tracestate(),
                        KeyNames.DEFAULT.header(),
                        Optional.of("prooflane-key"))));
    port = router.listen("chat", 0);
    router.update(
        t ->
            t.withBaseline("chat", new Upstream("127.0.0.1", baseline.actualPort(), "b#1"))
                .withSandbox(
                    sandbox(
                        "sbx-a",
                        "key-a",
                        "chat",
                        new Upstream("127.0.0.1", fork.actualPort(), "a#1")))
                .withSandbox(downSandbox("sbx-down", "key-down", "chat", "forks starting")));
  }

  @AfterEach
  void stop() {
    router.close();
    vertx.close().await();
  }

  @Test
  void routesAHandshakeByTheKeyHeaderAndRelaysFramesBothWays() throws Exception {
    WebSocket socket =
        connect(
            new WebSocketConnectOptions().setURI("/room").addHeader("x-prooflane-key", "key-a"));
    List<String> replies = new CopyOnWriteArrayList<>();
    // the greeting may come before the handler is set: only the echoes are counted
    socket.textMessageHandler(
        text -> {
          if (!text.startsWith("hello")) {
            replies.add(text);
          }
        });

    for (int i = 0; i < 50; i++) {
      socket.writeTextMessage("m" + i);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() == 50);
    assertThat(replies).allMatch(reply -> reply.startsWith("fork:m"));
    assertThat(forkGot).hasSize(50);
    assertThat(baselineGot).isEmpty();

    socket.close().await(10, TimeUnit.SECONDS);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> router.hops().byKey("key-a").stream().anyMatch(hop -> hop.status() == 101));
    HopRecord hop = router.hops().byKey("key-a").get(0);
    assertThat(hop.destination()).isEqualTo("sbx-a");
    assertThat(hop.path()).isEqualTo("/room");
    assertThat(hop.protocol()).isEqualTo(HopRecord.WEBSOCKET);
    assertThat(hop.bytesIn()).as("50 masked frames and a close").isGreaterThan(50 * 6);
    assertThat(hop.bytesOut()).isGreaterThan(50 * 6);
  }

  @Test
  void routesAHandshakeByTheKeyInTheQueryAsBrowsersSendIt() throws Exception {
    WebSocket socket = connect(new WebSocketConnectOptions().setURI("/room?prooflane-key=key-a"));

    assertThat(echo(socket, "hi")).isEqualTo("fork:hi");
    socket.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void sendsAnUnkeyedHandshakeToTheBaseline() throws Exception {
    WebSocket socket = connect(new WebSocketConnectOptions().setURI("/room"));

    assertThat(echo(socket, "hi")).isEqualTo("baseline:hi");
    socket.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void refusesAHandshakeWhoseForkIsDownWith503NeverTheBaseline() {
    Throwable failure =
        vertx
            .createWebSocketClient()
            .connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI("/room")
                    .addHeader("x-prooflane-key", "key-down"))
            .toCompletionStage()
            .toCompletableFuture()
            .handle((ok, error) -> error)
            .join();

    assertThat(failure).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) failure).getStatus()).isEqualTo(503);
    assertThat(baselineGot).isEmpty();
  }

  @Test
  void closesTheClientWhenTheUpstreamEndsTheSession() throws Exception {
    WebSocket socket = connect(new WebSocketConnectOptions().setURI("/room"));
    CompletableFuture<Void> closed = new CompletableFuture<>();
    socket.closeHandler(done -> closed.complete(null));

    socket.writeTextMessage("bye");

    closed.get(10, TimeUnit.SECONDS);
  }

  /**
   * Sends {@code text} and returns the echo; the greeting may come before the handler is set, so
   * only the echo counts.
   */
  private static String echo(WebSocket socket, String text) throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    socket.textMessageHandler(
        message -> {
          if (!message.startsWith("hello")) {
            reply.complete(message);
          }
        });
    socket.writeTextMessage(text);
    return reply.get(10, TimeUnit.SECONDS);
  }

  private WebSocket connect(WebSocketConnectOptions options) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    return client
        .connect(options.setHost("127.0.0.1").setPort(port))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  /**
   * Greets each session (a message that crosses the handshake's answer), echoes each text message
   * with its name, and ends the session on "bye".
   */
  private HttpServer echoServer(String name, List<String> got) {
    return vertx
        .createHttpServer()
        .webSocketHandler(
            socket -> {
              socket.writeTextMessage("hello from " + name);
              socket.textMessageHandler(
                  text -> {
                    got.add(text);
                    if (text.equals("bye")) {
                      socket.close();
                    } else {
                      socket.writeTextMessage(name + ":" + text);
                    }
                  });
            })
        .listen(0, "127.0.0.1")
        .await();
  }
}
