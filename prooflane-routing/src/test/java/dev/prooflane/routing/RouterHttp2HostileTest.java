package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile HTTP/2 against a listener, frame by frame over a raw socket (Netty's own frame writer):
 * each attack is answered as documented in docs/security.md ("HTTP/2"), none of its requests
 * reaches an upstream it should not, the router logs no unhandled error for it, and another,
 * well-behaved HTTP/2 connection (a {@link WellBehavedHttp2Client}, opened before the attack) keeps
 * being served during and after it, on that same connection. The attacks go to the fork (key {@code
 * key-a}), the well-behaved client to the baseline, which sees nothing else.
 *
 * <p>The well-behaved client reads the router's frames off its socket itself: a request that gets
 * no answer shows what did arrive, and no client library stands between the router and what the
 * test checks (Vert.x's HTTP/2 client, used here before, now and then failed to complete a request
 * whose whole answer had reached its socket).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RouterHttp2HostileTest {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** How long the well-behaved client waits for an answer the baseline gives at once. */
  private static final Duration SERVED_WAIT = Duration.ofSeconds(12);

  // the router's limits (see Http2Connections)
  private static final int MAX_RESETS_PER_WINDOW = 200;
  private static final int MAX_SENT_RESETS_PER_WINDOW = 200;
  private static final int MAX_CONCURRENT_STREAMS = 1_000;
  private static final int MAX_HEADER_LIST_BYTES = 64 * 1024;

  /** What RFC 9113 section 6.5.2 counts per header field besides its name and value. */
  private static final int FIELD_OVERHEAD = 32;

  private final AtomicLong pings = new AtomicLong();
  private final UnhandledErrors unhandled = new UnhandledErrors();
  private ShopRouter shop;
  private WellBehavedHttp2Client good;

  @BeforeEach
  void start() {
    unhandled.start();
    shop = new ShopRouter(RouterOptions.defaults());
    good = new WellBehavedHttp2Client(shop.port);
    goodClientServed();
  }

  @AfterEach
  void stop() throws Exception {
    good.close();
    shop.close();
    unhandled.stop();
    assertThat(unhandled.warnings()).as("unhandled errors the router logged").isEmpty();
    assertThat(shop.baseline.received())
        .as("requests the baseline received")
        .extracting(TestUpstream.Received::path)
        .containsOnly("/good");
  }

  @Test
  void closesARapidResetConnectionWithEnhanceYourCalmAfterTheResetLimit() throws Exception {
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port)) {
      attacker.startReading();
      Http2FrameBytes frames = new Http2FrameBytes().preface();
      int stream = 1;
      for (int i = 0; i < MAX_RESETS_PER_WINDOW / 2; i++, stream += 2) {
        frames.headers(stream, attack("/reset"), true).rstStream(stream, Http2Error.CANCEL);
      }
      assertThat(attacker.send(frames.take())).isTrue();
      roundTrip(attacker);
      goodClientServed();

      for (int i = 0; i < 5_000; i++, stream += 2) {
        frames.headers(stream, attack("/reset"), true).rstStream(stream, Http2Error.CANCEL);
      }
      attacker.send(frames.take());

      await().atMost(CLOSE_WAIT).until(attacker::closed);
      assertThat(attacker.goAway().errorCode()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
      goodClientServed();
    }
    assertThat(shop.fork.received()).hasSizeLessThanOrEqualTo(MAX_RESETS_PER_WINDOW);
  }

  /**
   * A header block that never ends: empty, small and maximal CONTINUATION frames. The router keeps
   * at most 1.25 times the header list limit of one block and closes the connection.
   */
  @ParameterizedTest(name = "CONTINUATION frames of {0} bytes")
  @ValueSource(ints = {0, 100, 16_384})
  void closesAContinuationFloodBeforeTheHeaderBlockEnds(int fragmentBytes) throws Exception {
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port)) {
      attacker.startReading();
      Http2FrameBytes frames = new Http2FrameBytes().preface();
      frames.headersWithoutEnd(1, frames.headerBlock(attack("/continuation")), true);
      for (int i = 0; i < 4; i++) {
        frames.continuation(1, new byte[fragmentBytes], false);
      }
      assertThat(attacker.send(frames.take())).isTrue();
      goodClientServed();

      boolean sent = true;
      for (int i = 0; i < 1_000 && sent; i++) {
        for (int j = 0; j < 16; j++) {
          frames.continuation(1, new byte[fragmentBytes], false);
        }
        sent = attacker.send(frames.take());
      }

      await().atMost(CLOSE_WAIT).until(attacker::closed);
      Http2Error expected =
          fragmentBytes < 8_192 ? Http2Error.ENHANCE_YOUR_CALM : Http2Error.PROTOCOL_ERROR;
      assertThat(attacker.goAway().errorCode()).isEqualTo(expected.code());
      if (fragmentBytes > 0) {
        assertThat(sent)
            .as("the router took all %d KiB", 16 * fragmentBytes * 1_000 / 1_024)
            .isFalse();
      }
      goodClientServed();
    }
    assertThat(shop.fork.received()).isEmpty();
  }

  @Test
  void answersAnOversizedHeaderListWith431AndKeepsServingTheConnection() throws Exception {
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port)) {
      attacker.startReading();
      Http2FrameBytes frames = new Http2FrameBytes().preface().settingsAck();
      frames.headers(1, headerListOf("/over", MAX_HEADER_LIST_BYTES + 1), true);
      frames.headers(3, headerListOf("/at-limit", MAX_HEADER_LIST_BYTES), true);
      frames.headers(5, attack("/far-over").add("x-big", "a".repeat(70_000)), true);
      assertThat(attacker.send(frames.take())).isTrue();
      await().atMost(CLOSE_WAIT).until(() -> attacker.responseHeaders(5) != null);
      goodClientServed();
      frames.headers(7, attack("/after"), true);
      assertThat(attacker.send(frames.take())).isTrue();
      await().atMost(CLOSE_WAIT).until(() -> attacker.responseHeaders(7) != null);

      for (int refused : new int[] {1, 5}) {
        assertThat(attacker.responseHeaders(refused).status()).hasToString("431");
        assertThat(attacker.reset(refused)).isEqualTo(Http2Error.PROTOCOL_ERROR.code());
      }
      assertThat(attacker.responseHeaders(3).status()).hasToString("200");
      assertThat(attacker.responseHeaders(3).get("x-upstream")).hasToString("sbx-a/shop#1");
      assertThat(attacker.responseHeaders(7).status()).hasToString("200");
      assertThat(attacker.closed()).isFalse();
      assertThat(attacker.goAway()).isNull();
    }
    assertThat(shop.fork.received())
        .extracting(TestUpstream.Received::path)
        .containsExactlyInAnyOrder("/at-limit", "/after");
    assertThat(shop.router.hops().recent(100))
        .extracting(HopRecord::path)
        .doesNotContain("/over", "/far-over");
  }

  @Test
  void answersAStreamWithTooManyHeaderFieldsWith431AndKeepsServingTheConnection() throws Exception {
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port)) {
      attacker.startReading();
      Http2FrameBytes frames = new Http2FrameBytes().preface().settingsAck();
      Http2Headers many = attack("/many");
      for (int i = 0; i < RouterOptions.DEFAULT_MAX_HEADERS; i++) {
        many.add("x-n" + i, "1");
      }
      frames.headers(1, many, true).headers(3, attack("/after"), true);
      assertThat(attacker.send(frames.take())).isTrue();
      await().atMost(CLOSE_WAIT).until(() -> attacker.responseHeaders(3) != null);

      assertThat(attacker.responseHeaders(1).status()).hasToString("431");
      assertThat(attacker.responseHeaders(1).get("content-type"))
          .hasToString("application/json; charset=utf-8");
      assertThat(attacker.responseHeaders(3).status()).hasToString("200");
      assertThat(attacker.goAway()).isNull();
      goodClientServed();
    }
    assertThat(shop.fork.received()).extracting(TestUpstream.Received::path).containsOnly("/after");
    await()
        .atMost(CLOSE_WAIT)
        .untilAsserted(
            () ->
                assertThat(shop.router.hops().recent(10))
                    .anySatisfy(
                        hop -> {
                          assertThat(hop.path()).isEqualTo("/many");
                          assertThat(hop.destination()).isEqualTo(HopRecord.REFUSED);
                          assertThat(hop.status()).isEqualTo(431);
                        }));
  }

  /**
   * A client that never reads sends SETTINGS or PING frames, each of which the router must answer:
   * the answers back up in the socket, then in the router up to its limit of queued control frames,
   * and the router closes the connection (the GOAWAY is queued behind the unread answers and goes
   * with them).
   */
  @ParameterizedTest(name = "{0} flood")
  @ValueSource(strings = {"SETTINGS", "PING"})
  void closesAControlFrameFloodWhoseAnswersAreNeverRead(String kind) throws Exception {
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port, 4_096)) {
      Http2FrameBytes frames = new Http2FrameBytes().preface();
      byte[] batch = controlFrames(frames.take(), kind, 1_000);
      assertThat(attacker.send(batch)).isTrue();
      goodClientServed();

      long sent = 1_000;
      batch = controlFrames(new byte[0], kind, 1_000);
      while (sent < 4_000_000 && attacker.send(batch)) {
        sent += 1_000;
      }

      assertThat(attacker.writeFailed()).as("closed after %d %s frames", sent, kind).isTrue();
      attacker.startReading();
      await().atMost(CLOSE_WAIT).until(attacker::closed);
      goodClientServed();
    }
  }

  @Test
  void absorbsAPingFloodWhoseAcksAreRead() throws Exception {
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port)) {
      attacker.startReading();
      Http2FrameBytes frames = new Http2FrameBytes().preface().settingsAck();
      assertThat(attacker.send(frames.take())).isTrue();
      byte[] batch = controlFrames(new byte[0], "PING", 1_000);
      for (int i = 0; i < 20; i++) {
        assertThat(attacker.send(batch)).isTrue();
      }
      roundTrip(attacker);
      goodClientServed();

      assertThat(attacker.closed()).isFalse();
      assertThat(attacker.goAway()).isNull();
    }
  }

  /**
   * Streams past the concurrency limit are refused one by one, even from a client that never
   * acknowledges the router's SETTINGS (which announce the limit); a client that makes the router
   * refuse more than its limit of resets per window loses the connection.
   */
  @Test
  void refusesStreamsPastTheConcurrencyLimitWithoutASettingsAck() throws Exception {
    int opened = MAX_CONCURRENT_STREAMS + 50;
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port)) {
      attacker.startReading();
      Http2FrameBytes frames = new Http2FrameBytes().preface();
      for (int i = 0; i < opened; i++) {
        frames.headers(1 + 2 * i, attack("/open").method("POST"), false);
      }
      assertThat(attacker.send(frames.take())).isTrue();
      roundTrip(attacker);
      goodClientServed();

      assertThat(IntStream.range(0, opened).filter(i -> attacker.reset(1 + 2 * i) != null))
          .as("streams refused")
          .hasSize(opened - MAX_CONCURRENT_STREAMS)
          .allMatch(i -> i >= MAX_CONCURRENT_STREAMS)
          .allMatch(i -> attacker.reset(1 + 2 * i) == Http2Error.REFUSED_STREAM.code());
      assertThat(attacker.goAway()).isNull();

      for (int i = opened; i < MAX_CONCURRENT_STREAMS + MAX_SENT_RESETS_PER_WINDOW + 1; i++) {
        frames.headers(1 + 2 * i, attack("/open").method("POST"), false);
      }
      attacker.send(frames.take());

      await().atMost(CLOSE_WAIT).until(attacker::closed);
      assertThat(attacker.goAway().errorCode()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
      goodClientServed();
    }
    assertThat(shop.fork.received()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HTTP/1.1 text", "PING frame"})
  void closesAConnectionWhosePrefaceIsNotFollowedBySettings(String garbage) throws Exception {
    byte[] after =
        garbage.startsWith("HTTP")
            ? "GET / HTTP/1.1\r\nHost: shop.local\r\n\r\n".getBytes(StandardCharsets.US_ASCII)
            : new Http2FrameBytes().ping(1).take();
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port)) {
      attacker.startReading();
      attacker.send(new Http2FrameBytes().raw(magic()).raw(after).take());

      await().atMost(CLOSE_WAIT).until(attacker::closed);
      assertThat(attacker.goAway().errorCode()).isEqualTo(Http2Error.PROTOCOL_ERROR.code());
      goodClientServed();
    }
  }

  @Test
  void closesAZeroLengthDataFloodWithEnhanceYourCalm() throws Exception {
    try (RawHttp2Connection attacker = new RawHttp2Connection(shop.port)) {
      attacker.startReading();
      Http2FrameBytes frames = new Http2FrameBytes().preface();
      frames.headers(1, attack("/empty").method("POST"), false);
      frames.data(1, new byte[0], false).data(1, new byte[0], false);
      assertThat(attacker.send(frames.take())).isTrue();
      roundTrip(attacker);
      goodClientServed();

      for (int i = 0; i < 1_000; i++) {
        frames.data(1, new byte[0], false);
      }
      attacker.send(frames.take());

      await().atMost(CLOSE_WAIT).until(attacker::closed);
      assertThat(attacker.goAway().errorCode()).isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
      goodClientServed();
    }
    assertThat(shop.fork.received()).as("complete requests").isEmpty();
  }

  /**
   * With short timeouts: a connection that sends the preface and nothing else is closed after the
   * keep-alive timeout, one that stops inside the preface after the head timeout; a connection
   * waiting for an answer meanwhile is not cut, and serves another request before its answers.
   * (Once answered, it has no stream open and its own keep-alive timeout may close it: a request
   * after the answers would race that.)
   */
  @Test
  void closesIdleConnectionsButNotOneWaitingForAnAnswer() throws Exception {
    Duration timeout = Duration.ofMillis(500);
    RouterOptions quick =
        RouterOptions.defaults().withHeaderTimeout(timeout).withKeepAliveTimeout(timeout);
    CountDownLatch release = new CountDownLatch(1);
    try (ShopRouter idle = new ShopRouter(quick);
        WellBehavedHttp2Client waiting = new WellBehavedHttp2Client(idle.port)) {
      idle.baseline.holdUntil(release);
      int first = waiting.get("/waiting");
      await().atMost(CLOSE_WAIT).until(() -> !idle.baseline.received().isEmpty());

      try (RawHttp2Connection preface = new RawHttp2Connection(idle.port);
          RawHttp2Connection partial = new RawHttp2Connection(idle.port)) {
        preface.startReading();
        partial.startReading();
        long start = System.nanoTime();
        assertThat(preface.send(new Http2FrameBytes().preface().take())).isTrue();
        assertThat(partial.send(Arrays.copyOf(magic(), "PRI * HTTP/2.0\r\n".length()))).isTrue();

        await().atMost(CLOSE_WAIT).until(() -> preface.closed() && partial.closed());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(timeout);
        assertThat(preface.goAway().errorCode()).isEqualTo(Http2Error.NO_ERROR.code());
      }

      int second = waiting.get("/good");
      await().atMost(CLOSE_WAIT).until(() -> idle.baseline.received().size() == 2);
      release.countDown();
      await()
          .atMost(CLOSE_WAIT)
          .until(
              () ->
                  (waiting.answer(first) != null && waiting.answer(second) != null)
                      || waiting.closed());
      for (int stream : new int[] {first, second}) {
        assertThat(waiting.answer(stream))
            .as("the answer on the waiting connection (%s)", waiting.received(stream))
            .isEqualTo(new WellBehavedHttp2Client.Answer(200, "baseline/shop#1"));
      }
    }
  }

  /** Sends a PING and waits for its ACK: every frame sent before it has been processed. */
  private void roundTrip(RawHttp2Connection attacker) {
    long payload = -pings.incrementAndGet();
    assertThat(attacker.send(new Http2FrameBytes().ping(payload).take())).isTrue();
    await().atMost(CLOSE_WAIT).until(() -> attacker.pingAcked(payload));
  }

  /** {@code before}, then {@code count} SETTINGS or PING frames. */
  private static byte[] controlFrames(byte[] before, String kind, int count) {
    Http2FrameBytes frames = new Http2FrameBytes().raw(before);
    for (int i = 0; i < count; i++) {
      if (kind.equals("PING")) {
        frames.ping(i);
      } else {
        frames.settings(new Http2Settings().maxConcurrentStreams(100));
      }
    }
    return frames.take();
  }

  private static byte[] magic() {
    return ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf());
  }

  private static Http2Headers attack(String path) {
    return new DefaultHttp2Headers()
        .method("GET")
        .scheme("http")
        .authority("shop.local")
        .path(path)
        .add("x-prooflane-key", "key-a");
  }

  /** An attack request whose header list is exactly {@code bytes} as RFC 9113 counts it. */
  private static Http2Headers headerListOf(String path, int bytes) {
    Http2Headers headers = attack(path);
    long size = 0;
    for (Map.Entry<CharSequence, CharSequence> field : headers) {
      size += field.getKey().length() + field.getValue().length() + FIELD_OVERHEAD;
    }
    String name = "x-big";
    return headers.add(name, "a".repeat((int) (bytes - size - FIELD_OVERHEAD - name.length())));
  }

  /**
   * Checks that the well-behaved client is served by the baseline on its connection, which the
   * router has not closed nor sent a GOAWAY. A request with no answer within {@link #SERVED_WAIT}
   * fails with what the connection received and what the router saw last.
   */
  private void goodClientServed() {
    int stream = good.get("/good");
    try {
      await().atMost(SERVED_WAIT).until(() -> good.answer(stream) != null || good.closed());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no answer to /good in "
              + SERVED_WAIT.toSeconds()
              + " s ("
              + good.received(stream)
              + "); the baseline received "
              + shop.baseline.received().size()
              + " requests; the router's last hops: "
              + shop.router.hops().recent(5).stream()
                  .map(h -> h.path() + "->" + h.destination() + " " + h.status())
                  .toList(),
          e);
    }
    assertThat(good.answer(stream))
        .as("the answer to /good (%s)", good.received(stream))
        .isEqualTo(new WellBehavedHttp2Client.Answer(200, "baseline/shop#1"));
    assertThat(good.goAway()).as("a GOAWAY to the well-behaved client").isNull();
    assertThat(good.closed()).as("the well-behaved client's connection closed").isFalse();
  }
}
