package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests pipelined behind a refusal, sent in the same write as the refused request: after a
 * refusal that closes the connection, nothing on that connection is forwarded (the client cannot
 * see an answer to it); after one that keeps the connection, the next request is served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterPipeliningTest {
  private static final AtomicInteger IDS = new AtomicInteger();

  private ShopRouter shop;

  @BeforeAll
  void start() {
    shop = new ShopRouter(RouterOptions.defaults());
  }

  @AfterAll
  void stop() {
    shop.close();
  }

  /**
   * The closing refusals of {@link RouterHardeningTest#malformed} after which Vert.x hands the next
   * pipelined request to the listener (after a decoder error it reads no further), plus a refused
   * request with a body.
   */
  static Stream<Arguments> closingRefusals() {
    Set<String> handedOn =
        Set.of(
            "missing_host",
            "ambiguous_host",
            "invalid_host",
            "unsupported_transfer_coding",
            "too_many_headers",
            "unsupported_method");
    return Stream.concat(
        RouterHardeningTest.malformed().filter(vector -> handedOn.contains(vector.get()[3])),
        Stream.of(
            Arguments.of(
                "Transfer-Encoding gzip, chunked with a body",
                "POST /v HTTP/1.1\r\nHost: shop.local\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                    + "5\r\nhello\r\n0\r\n\r\n",
                501,
                "unsupported_transfer_coding")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("closingRefusals")
  void forwardsNothingPipelinedBehindARefusalThatClosesTheConnection(
      String vector, String refused, int status, String error) throws IOException {
    String path = "/pipelined-" + IDS.incrementAndGet();
    String keyed = keyed(path);
    String plain = plain(path);

    try (RawHttpConnection connection = new RawHttpConnection(shop.port)) {
      connection.writeRaw(refused + keyed + plain);

      RawHttpConnection.Response response = connection.read();

      assertThat(response.status()).as(vector).isEqualTo(status);
      assertThat(new JsonObject(response.text()).getString("error")).isEqualTo(error);
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(connection.closesWithin(Duration.ofSeconds(5))).as("connection closed").isTrue();
    }
    HopRecord dropped = awaitHop(path);
    assertThat(dropped.destination()).isEqualTo(HopRecord.REFUSED);
    assertThat(dropped.upstream()).isEmpty();
    assertThat(dropped.status()).as("nothing was sent for it").isZero();
    assertThat(shop.router.hops().recent(10_000))
        .filteredOn(hop -> hop.path().equals(path))
        .as("one record, the dropped request's: the one behind it was never started")
        .hasSize(1);
    assertThat(shop.baseline.received())
        .extracting(TestUpstream.Received::path)
        .doesNotContain(path);
    assertThat(shop.fork.received()).extracting(TestUpstream.Received::path).doesNotContain(path);
  }

  @Test
  void servesARequestPipelinedBehindARefusalThatKeepsTheConnection() throws IOException {
    String path = "/pipelined-" + IDS.incrementAndGet();
    try (RawHttpConnection connection = new RawHttpConnection(shop.port)) {
      connection.writeRaw(
          "GET /v HTTP/1.1\r\nHost: shop.local\r\nx-prooflane-key: bad key\r\n\r\n"
              + "GET "
              + path
              + " HTTP/1.1\r\nHost: shop.local\r\nx-prooflane-key: key-a\r\n\r\n");

      assertThat(connection.read().status()).isEqualTo(400);
      RawHttpConnection.Response next = connection.read();

      assertThat(next.status()).isEqualTo(200);
      assertThat(next.text()).isEqualTo("sbx-a/shop#1");
    }
    assertThat(awaitHop(path).destination()).isEqualTo("sbx-a");
  }

  /**
   * The router reads ahead once a request is read: a request that arrives while the answer to the
   * one before is under way waits for it, and both are answered in order.
   */
  @Test
  void answersARequestSentWhileTheAnswerToThePreviousOneIsUnderWayAfterIt() throws IOException {
    String first = "/ahead-" + IDS.incrementAndGet();
    String second = "/ahead-" + IDS.incrementAndGet();
    CountDownLatch release = new CountDownLatch(1);
    shop.fork.holdUntil(release);
    try (RawHttpConnection connection = new RawHttpConnection(shop.port)) {
      connection.writeRaw(keyed(first));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  shop.fork.received().stream()
                      .anyMatch(received -> received.path().equals(first)));
      connection.writeRaw(plain(second));
      // the second is read while the fork holds the first's answer, and waits behind it
      release.countDown();

      RawHttpConnection.Response one = connection.read();
      RawHttpConnection.Response two = connection.read();

      assertThat(one.status()).isEqualTo(200);
      assertThat(one.text()).isEqualTo("sbx-a/shop#1");
      assertThat(two.status()).isEqualTo(200);
      assertThat(two.text()).isEqualTo("baseline/shop#1");
    } finally {
      release.countDown();
      shop.fork.holdUntil(new CountDownLatch(0));
    }
    assertThat(awaitHop(first).time()).isBeforeOrEqualTo(awaitHop(second).time());
  }

  @Test
  void answersARequestWhoseClientClosedItsSideRightAfterSendingIt() throws IOException {
    String path = "/half-closed-" + IDS.incrementAndGet();
    try (RawHttpConnection connection = new RawHttpConnection(shop.port)) {
      connection.writeRaw(keyed(path));
      connection.shutdownOutput();

      RawHttpConnection.Response response = connection.read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).isEqualTo("sbx-a/shop#1");
      assertThat(connection.closesWithin(Duration.ofSeconds(5))).as("then closed").isTrue();
    }
    assertThat(awaitHop(path).destination()).isEqualTo("sbx-a");
  }

  @Test
  void answersEveryRequestPipelinedBeforeAHalfCloseInOrderThenCloses() throws IOException {
    String path = "/half-closed-" + IDS.incrementAndGet();
    String keyed = keyed(path);
    String plain = plain(path);
    try (RawHttpConnection connection = new RawHttpConnection(shop.port)) {
      connection.writeRaw(keyed + plain + keyed);
      connection.shutdownOutput();

      assertThat(connection.read().text()).isEqualTo("sbx-a/shop#1");
      assertThat(connection.read().text()).isEqualTo("baseline/shop#1");
      assertThat(connection.read().text()).isEqualTo("sbx-a/shop#1");
      assertThat(connection.closesWithin(Duration.ofSeconds(5))).as("then closed").isTrue();
    }
  }

  @Test
  void closesAnIdleConnectionWhoseClientClosedItsSide() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(shop.port)) {
      assertThat(connection.get("/idle", "x-prooflane-key: key-a").status()).isEqualTo(200);
      connection.shutdownOutput();

      assertThat(connection.closesWithin(Duration.ofSeconds(5))).isTrue();
    }
  }

  /** {@code GET path} for sandbox {@code sbx-a} (key {@code key-a}). */
  private static String keyed(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: shop.local\r\nx-prooflane-key: key-a\r\n\r\n";
  }

  /** {@code GET path} without a key. */
  private static String plain(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: shop.local\r\n\r\n";
  }

  private HopRecord awaitHop(String path) {
    await().atMost(Duration.ofSeconds(5)).until(() -> hop(path).isPresent());
    return hop(path).orElseThrow();
  }

  private Optional<HopRecord> hop(String path) {
    return shop.router.hops().recent(10_000).stream()
        .filter(hop -> hop.path().equals(path))
        .findFirst();
  }
}
