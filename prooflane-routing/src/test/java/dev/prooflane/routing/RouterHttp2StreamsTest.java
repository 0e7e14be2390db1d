package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The life of one stream of an HTTP/2 client connection, which the router serves from the
 * connection's frames: flow control both ways with bodies larger than the windows, a stream the
 * client resets while its answer streams (its upstream connection is dropped, the connection's
 * other streams go on), an answer that comes before the request's body ended (the rest of the
 * stream is reset, the connection goes on), and a stream Netty's codec refuses before its HEADERS
 * reach the router (reset with the codec's error, the connection goes on).
 */
class RouterHttp2StreamsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Larger than HTTP/2's initial window of 65,535 bytes, which both sides keep. */
  private static final int REQUEST_BYTES = 1 << 20;

  private static final int RESPONSE_BYTES = 3 << 20;

  @Test
  void carriesABodyAndAnAnswerLargerThanTheStreamWindowsWholeBothWays() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (ShopRouter shop = new ShopRouter(RouterOptions.defaults())) {
      shop.fork.respondWithBytes(RESPONSE_BYTES);
      HttpClientAgent client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setProtocolVersion(HttpVersion.HTTP_2)
                  .setHttp2ClearTextUpgrade(false)
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(shop.port),
              new PoolOptions().setHttp2MaxSize(1));
      Buffer body = Buffer.buffer(new byte[REQUEST_BYTES]);
      // the body is asked for in send()'s callback (see RouterHttp2Test)
      var answer =
          client
              .request(
                  new RequestOptions()
                      .setMethod(HttpMethod.POST)
                      .setURI("/upload")
                      .putHeader("x-prooflane-key", "key-a"))
              .compose(
                  request ->
                      request
                          .send(body)
                          .compose(
                              response ->
                                  response
                                      .body()
                                      .map(
                                          bytes ->
                                              List.of(
                                                  response.version().name(),
                                                  response.getHeader("x-body-bytes"),
                                                  Integer.toString(bytes.length())))))
              .toCompletionStage()
              .toCompletableFuture()
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(answer)
          .containsExactly(
              "HTTP_2", Integer.toString(REQUEST_BYTES), Integer.toString(RESPONSE_BYTES));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(shop.router.hops().byKey("key-a"))
                      .singleElement()
                      .satisfies(
                          hop -> {
                            assertThat(hop.status()).isEqualTo(200);
                            assertThat(hop.bytesIn()).isEqualTo(REQUEST_BYTES);
                            assertThat(hop.bytesOut()).isEqualTo(RESPONSE_BYTES);
                          }));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void endsAStreamTheClientResetsMidAnswerAloneAndDropsItsUpstreamConnection() throws Exception {
    try (ScriptedUpstream upstream = new ScriptedUpstream();
        Router router = Router.start(RouterOptions.defaults());
        RawHttp2Connection client = new RawHttp2Connection(router.listen("shop", 0))) {
      router.update(t -> t.withBaseline("shop", upstream.upstream()));
      client.startReading();
      client.send(
          new Http2FrameBytes()
              .preface()
              .settings(new Http2Settings())
              .settingsAck()
              .headers(1, get("/slow"), true)
              .take());
      await().atMost(WAIT).until(() -> client.responseBody(1).equals("partial"));

      client.send(
          new Http2FrameBytes()
              .rstStream(1, Http2Error.CANCEL)
              .headers(3, get("/fast"), true)
              .take());

      await().atMost(WAIT).until(() -> client.ended(3));
      assertThat(client.responseHeaders(3).status().toString()).isEqualTo("200");
      assertThat(client.responseBody(3)).isEqualTo("fast");
      assertThat(client.ended(1)).as("the reset stream got no end").isFalse();
      assertThat(client.goAway()).isNull();
      assertThat(upstream.slowConnectionClosed.await(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("the half-answered upstream connection is closed, never reused")
          .isTrue();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(router.hops().recent(10))
                      .extracting(HopRecord::path)
                      .containsExactlyInAnyOrder("/slow", "/fast"));
    }
  }

  @Test
  void resetsTheRestOfAStreamAnsweredBeforeItsBodyEndedAndServesTheNext() throws Exception {
    try (ScriptedUpstream upstream = new ScriptedUpstream();
        Router router = Router.start(RouterOptions.defaults());
        RawHttp2Connection client = new RawHttp2Connection(router.listen("shop", 0))) {
      router.update(t -> t.withBaseline("shop", upstream.upstream()));
      client.startReading();
      Http2Headers upload = get("/early").method("POST").setInt("content-length", 100_000);
      client.send(
          new Http2FrameBytes()
              .preface()
              .settings(new Http2Settings())
              .settingsAck()
              .headers(1, upload, false)
              .data(1, new byte[1_000], false)
              .take());

      await().atMost(WAIT).until(() -> client.reset(1) != null);
      assertThat(client.responseHeaders(1).status().toString()).isEqualTo("413");
      assertThat(client.responseBody(1)).isEqualTo("too big");
      assertThat(client.ended(1)).as("the answer was whole before the reset").isTrue();
      assertThat(client.reset(1)).isEqualTo(Http2Error.CANCEL.code());

      client.send(new Http2FrameBytes().headers(3, get("/fast"), true).take());
      await().atMost(WAIT).until(() -> client.ended(3));
      assertThat(client.responseBody(3)).isEqualTo("fast");
      assertThat(client.goAway()).isNull();
    }
  }

  @Test
  void resetsAStreamTheCodecRefusesBeforeItsHeadersArriveAndServesTheNext() throws Exception {
    try (ScriptedUpstream upstream = new ScriptedUpstream();
        Router router = Router.start(RouterOptions.defaults());
        RawHttp2Connection client = new RawHttp2Connection(router.listen("shop", 0))) {
      router.update(t -> t.withBaseline("shop", upstream.upstream()));
      client.startReading();
      // Netty opens the stream, then finds the content-length malformed: a stream error that
      // never reaches the router as HEADERS
      Http2Headers malformed = get("/fast").method("POST").set("content-length", "x");
      client.send(
          new Http2FrameBytes()
              .preface()
              .settings(new Http2Settings())
              .settingsAck()
              .headers(1, malformed, false)
              .take());

      await().atMost(WAIT).until(() -> client.reset(1) != null);
      assertThat(client.reset(1)).isEqualTo(Http2Error.PROTOCOL_ERROR.code());
      assertThat(client.responseHeaders(1)).isNull();

      client.send(new Http2FrameBytes().headers(3, get("/fast"), true).take());
      await().atMost(WAIT).until(() -> client.ended(3));
      assertThat(client.responseBody(3)).isEqualTo("fast");
      assertThat(client.goAway()).isNull();
      assertThat(router.hops().recent(10)).extracting(HopRecord::path).containsExactly("/fast");
    }
  }

  private static Http2Headers get(String path) {
    return new DefaultHttp2Headers()
        .method("GET")
        .scheme("http")
        .authority("shop.local")
        .path(path);
  }

  /**
   * An HTTP/1.1 upstream that answers by path: {@code /fast} whole (and serves the connection's
   * next request), {@code /slow} with its head and the first 7 of 100 body bytes, then waits for
   * the router to close the connection; {@code /early} with a 413 before reading the body, then
   * closes.
   */
  private static final class ScriptedUpstream implements AutoCloseable {
    final CountDownLatch slowConnectionClosed = new CountDownLatch(1);
    private final ServerSocket server;
    private final Thread acceptor;

    ScriptedUpstream() throws IOException {
      server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::accept, "scripted-upstream");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    Upstream upstream() {
      return new Upstream("127.0.0.1", server.getLocalPort(), "scripted#1");
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          Thread serving = new Thread(() -> serve(socket), "scripted-connection");
          serving.setDaemon(true);
          serving.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket socket) {
      try (socket;
          InputStream in = socket.getInputStream();
          OutputStream out = socket.getOutputStream()) {
        for (String head = readHead(in); head != null; head = readHead(in)) {
          String path = head.split(" ", 3)[1];
          switch (path) {
            case "/fast" -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nfast"));
            case "/slow" -> {
              out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"));
              out.flush();
              while (in.read() >= 0) {
                // until the router closes the connection
              }
              slowConnectionClosed.countDown();
              return;
            }
            case "/early" -> {
              out.write(
                  ascii(
                      "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 7\r\n"
                          + "Connection: close\r\n\r\ntoo big"));
              out.flush();
              return;
            }
            default -> out.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
          }
          out.flush();
        }
      } catch (IOException gone) {
        // the router closed the connection
      }
    }

    /** The request head up to its empty line, or null at the end of the connection. */
    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      for (int c = in.read(); c >= 0; c = in.read()) {
        head.write(c);
        matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
        if (matched == 4) {
          return head.toString(StandardCharsets.ISO_8859_1);
        }
      }
      return null;
    }

    private static byte[] ascii(String text) {
      return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
