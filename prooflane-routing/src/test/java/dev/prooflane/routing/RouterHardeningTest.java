package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile HTTP/1.1 against a listener, byte for byte over a raw socket: each request is refused
 * with the documented status and JSON body, never reaches an upstream, is recorded as {@code
 * refused}, and the router serves normal traffic right after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterHardeningTest {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  private static final String POST = "POST /v HTTP/1.1\r\nHost: shop.local\r\n";

  private ShopRouter shop;
  private TestUpstream baseline;
  private TestUpstream fork;
  private Router router;
  private int port;

  @BeforeAll
  void start() {
    shop = new ShopRouter(RouterOptions.defaults());
    baseline = shop.baseline;
    fork = shop.fork;
    router = shop.router;
    port = shop.port;
  }

  @AfterAll
  void stop() {
    shop.close();
  }

  @AfterEach
  void stillServesNormalTraffic() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      RawHttpConnection.Response plain = connection.get("/after");
      RawHttpConnection.Response keyed = connection.get("/after", "x-prooflane-key: key-a");

      assertThat(plain.status()).isEqualTo(200);
      assertThat(plain.text()).isEqualTo("baseline/shop#1");
      assertThat(keyed.text()).isEqualTo("sbx-a/shop#1");
    }
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        // request smuggling: conflicting or malformed framing
        refused(
            "Content-Length and Transfer-Encoding",
            POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        refused(
            "Transfer-Encoding then Content-Length",
            POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
        refused(
            "two equal Content-Length",
            POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
        refused(
            "two different Content-Length",
            POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
        refused("Content-Length list", POST + "Content-Length: 5, 6\r\n\r\nhello!"),
        refused("negative Content-Length", POST + "Content-Length: -1\r\n\r\n"),
        refused("Content-Length with a letter", POST + "Content-Length: 5a\r\n\r\nhello"),
        refused("signed Content-Length", POST + "Content-Length: +5\r\n\r\nhello"),
        refused("hex Content-Length", POST + "Content-Length: 0x5\r\n\r\nhello"),
        refused(
            "overflowing Content-Length", POST + "Content-Length: 99999999999999999999999\r\n\r\n"),
        refused("empty Content-Length", POST + "Content-Length: \r\n\r\n"),
        refused(
            "Transfer-Encoding chunked, gzip",
            POST + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"),
        refused(
            "Transfer-Encoding xchunked", POST + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
        refused("Transfer-Encoding gzip", POST + "Transfer-Encoding: gzip\r\n\r\n"),
        refused(
            "Transfer-Encoding chunked twice",
            POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        refused(
            "Transfer-Encoding in HTTP/1.0",
            "POST /v HTTP/1.0\r\nHost: shop.local\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        refused("space before the colon", POST + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
        refused(
            "vertical tab before a value",
            POST + "Transfer-Encoding: \u000bchunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "Transfer-Encoding gzip, chunked",
            POST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            501,
            "unsupported_transfer_coding"),
        // header syntax
        refused(
            "obsolete line folding with a space",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-A: one\r\n two\r\n\r\n"),
        refused(
            "obsolete line folding with a tab",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-A: one\r\n\ttwo\r\n\r\n"),
        refused(
            "folded routing key",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nbaggage: a=1,\r\n prooflane-key=key-a\r\n\r\n"),
        refused(
            "NUL in a header value",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-A: a\u0000b\r\n\r\n"),
        refused("CR in a header value", "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-A: a\rb\r\n\r\n"),
        refused(
            "bare LF in a header value",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-A: a\nX-B: b\r\n\r\n"),
        refused(
            "control character in a header value",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-A: a\u0001b\r\n\r\n"),
        refused(
            "DEL in a header value",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-A: a\u007fb\r\n\r\n"),
        refused(
            "NUL in a header name", "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-\u0000A: b\r\n\r\n"),
        refused(
            "CR in a routing key",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nx-prooflane-key: key-a\rX-Injected: 1\r\n\r\n"),
        refused("bare LF line ends", "GET /v HTTP/1.1\nHost: shop.local\n\n"),
        Arguments.of("no Host", "GET /v HTTP/1.1\r\n\r\n", 400, "missing_host"),
        Arguments.of(
            "two Hosts",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nHost: evil.local\r\n\r\n",
            400,
            "ambiguous_host"),
        Arguments.of(
            "Host with a path",
            "GET /v HTTP/1.1\r\nHost: shop.local/evil\r\n\r\n",
            400,
            "invalid_host"),
        // versions and methods the router does not serve
        Arguments.of(
            "HTTP/9.9",
            "GET /v HTTP/9.9\r\nHost: shop.local\r\n\r\n",
            501,
            "unsupported_http_version"),
        Arguments.of(
            "CONNECT",
            "CONNECT shop.local:443 HTTP/1.1\r\nHost: shop.local:443\r\n\r\n",
            501,
            "unsupported_method"),
        // sizes
        Arguments.of(
            "101 header fields",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\n" + "X-N: 1\r\n".repeat(100) + "\r\n",
            431,
            "too_many_headers"),
        Arguments.of(
            "request line over 8 KiB",
            "GET /" + "a".repeat(8 * 1024) + " HTTP/1.1\r\nHost: shop.local\r\n\r\n",
            414,
            "request_line_too_long"),
        Arguments.of(
            "headers over 64 KiB",
            "GET /v HTTP/1.1\r\nHost: shop.local\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n",
            431,
            "headers_too_large"));
  }

  private static Arguments refused(String name, String request) {
    return Arguments.of(name, request, 400, "malformed_request");
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("malformed")
  void refusesMalformedRequestAndClosesTheConnection(
      String vector, String request, int status, String error) throws IOException {
    long lastSeq = lastSeq();
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.writeRaw(request);

      RawHttpConnection.Response response = connection.read();

      assertThat(response.status()).as(vector).isEqualTo(status);
      JsonObject body = new JsonObject(response.text());
      assertThat(body.getString("error")).isEqualTo(error);
      assertThat(body.getString("service")).isEqualTo("shop");
      assertThat(body.getString("message")).isNotBlank();
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(connection.closesWithin(CLOSE_WAIT)).as("connection closed").isTrue();
    }
    assertThat(baseline.received()).extracting(TestUpstream.Received::path).doesNotContain("/v");
    assertThat(fork.received()).extracting(TestUpstream.Received::path).doesNotContain("/v");
    HopRecord hop = awaitHop(lastSeq);
    assertThat(hop.destination()).isEqualTo(HopRecord.REFUSED);
    assertThat(hop.upstream()).isEmpty();
    assertThat(hop.status()).isEqualTo(status);
  }

  @Test
  void namesObsoleteLineFoldingAsTheReason() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.writeRaw("GET /v HTTP/1.1\r\nHost: shop.local\r\nX-A: one\r\n two\r\n\r\n");

      assertThat(new JsonObject(connection.read().text()).getString("message"))
          .startsWith("obsolete line folding");
    }
  }

  @Test
  void recordsAnUnreadableRequestLineWithoutMethodOrPath() throws IOException {
    long lastSeq = lastSeq();
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.writeRaw("GET /" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: shop.local\r\n\r\n");

      assertThat(connection.read().status()).isEqualTo(414);
    }
    HopRecord hop = awaitHop(lastSeq);
    assertThat(hop.method()).isEmpty();
    assertThat(hop.path()).isEmpty();
  }

  @Test
  void acceptsARequestLineJustUnderTheLimit() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      // "GET " + path + " HTTP/1.1" is 8,192 bytes
      RawHttpConnection.Response response = connection.get("/" + "a".repeat(8_192 - 14));

      assertThat(response.status()).isEqualTo(200);
    }
  }

  @Test
  void acceptsHeaderFieldsUpToTheLimit() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      // Host and 99 more: 100 header fields
      String[] lines = new String[99];
      java.util.Arrays.fill(lines, "X-N: 1");
      RawHttpConnection.Response response = connection.get("/many", lines);

      assertThat(response.status()).isEqualTo(200);
    }
  }

  @Test
  void refusesTraceWithJsonAndKeepsTheConnection() throws IOException {
    long lastSeq = lastSeq();
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.writeRaw("TRACE /v HTTP/1.1\r\nHost: shop.local\r\nCookie: secret=1\r\n\r\n");

      RawHttpConnection.Response response = connection.read();

      assertThat(response.status()).isEqualTo(501);
      assertThat(response.header("content-type")).isEqualTo("application/json; charset=utf-8");
      JsonObject body = new JsonObject(response.text());
      assertThat(body.getString("error")).isEqualTo("unsupported_method");
      assertThat(body.getString("service")).isEqualTo("shop");
      assertThat(body.getString("message")).contains("TRACE").doesNotContain("secret");
      assertThat(connection.get("/again").text()).isEqualTo("baseline/shop#1");
    }
    assertThat(baseline.received()).extracting(TestUpstream.Received::path).doesNotContain("/v");
    HopRecord hop = awaitHop(lastSeq);
    assertThat(hop.destination()).isEqualTo(HopRecord.REFUSED);
    assertThat(hop.status()).isEqualTo(501);
  }

  static Stream<Arguments> badChunks() {
    return Stream.of(
        Arguments.of("non-hex chunk size", "zz\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("overflowing chunk size", "fffffffffffffffff\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("negative chunk size", "-5\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("chunk data without CRLF", "5\r\nhelloXX0\r\n\r\n"));
  }

  /**
   * A chunk error is found after the head was accepted and the exchange began, when no status can
   * follow the bytes already promised: the router drops the connection, the upstream never gets a
   * complete request, and the hop records status 0 (nothing sent).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badChunks")
  void dropsTheConnectionOnABadChunkMidBody(String vector, String body) throws IOException {
    long lastSeq = lastSeq();
    int receivedBefore = baseline.received().size();
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.writeRaw(POST + "Transfer-Encoding: chunked\r\n\r\n" + body);

      assertThatThrownBy(connection::read)
          .as(vector)
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("closed");
      assertThat(connection.closesWithin(CLOSE_WAIT)).isTrue();
    }
    assertThat(baseline.received()).hasSize(receivedBefore);
    HopRecord hop = awaitHop(lastSeq);
    assertThat(hop.status()).isZero();
  }

  static Stream<Arguments> hostileKeys() {
    return Stream.of(
        Arguments.of("comma in the header", "x-prooflane-key: key-a,key-b"),
        Arguments.of("semicolon in the header", "x-prooflane-key: key-a;x=1"),
        Arguments.of("equals in the header", "x-prooflane-key: key-a=1"),
        Arguments.of(
            "encoded CR LF in baggage", "baggage: prooflane-key=key-a%0D%0AX-Injected:%201"),
        Arguments.of("encoded comma in baggage", "baggage: prooflane-key=key-a%2Ckey-b"),
        Arguments.of("encoded semicolon in baggage", "baggage: prooflane-key=key-a%3Bx"),
        Arguments.of("equals in baggage", "baggage: prooflane-key=key-a=1"),
        Arguments.of("equals in tracestate", "tracestate: prooflane-key=key-a=1"),
        Arguments.of("semicolon in tracestate", "tracestate: prooflane-key=key-a;x"),
        Arguments.of("65 characters", "x-prooflane-key: " + "k".repeat(65)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileKeys")
  void refusesHostileRoutingKeyBeforeAnyUpstreamSeesIt(String vector, String header)
      throws IOException {
    long lastSeq = lastSeq();
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      RawHttpConnection.Response response = connection.get("/key", header);

      assertThat(response.status()).as(vector).isEqualTo(400);
      assertThat(new JsonObject(response.text()).getString("error"))
          .isEqualTo("invalid_routing_key");
    }
    assertThat(baseline.received()).extracting(TestUpstream.Received::path).doesNotContain("/key");
    assertThat(fork.received()).extracting(TestUpstream.Received::path).doesNotContain("/key");
    HopRecord hop = awaitHop(lastSeq);
    assertThat(hop.destination()).isEqualTo(HopRecord.REFUSED);
    assertThat(hop.status()).isEqualTo(400);
  }

  @Test
  void servesAnUpgradesRequestWithABodyOverHttp11() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.writeRaw(
          "POST /upgrade HTTP/1.1\r\nHost: shop.local\r\nConnection: Upgrade, HTTP2-Settings\r\n"
              + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\nContent-Length: 2\r\n\r\nhi");
      RawHttpConnection.Response response = connection.read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).isEqualTo("baseline/shop#1");
    }
    assertThat(baseline.received())
        .filteredOn(received -> received.path().equals("/upgrade"))
        .singleElement()
        .satisfies(received -> assertThat(received.header("upgrade")).isNull());
  }

  @Test
  void keepsTheConnectionAfterRefusingAnInvalidKey() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      assertThat(connection.get("/key", "x-prooflane-key: bad key").status()).isEqualTo(400);
      assertThat(connection.get("/again").text()).isEqualTo("baseline/shop#1");
    }
  }

  /** HTTP/2 is served (see RouterHttp2Test); other versions are answered with 501. */
  @Test
  void refusesUnknownVersions() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.writeRaw("GET /v HTTP/9.9\r\nHost: shop.local\r\n\r\n");

      assertThat(connection.read().status()).isEqualTo(501);
      assertThat(connection.closesWithin(CLOSE_WAIT)).isTrue();
    }
  }

  /** The test's start: the last hop's position now, and the time. */
  private long lastSeq() {
    testStart = Instant.now();
    List<HopRecord> last = router.hops().recent(1);
    return last.isEmpty() ? 0 : last.get(0).seq();
  }

  private Instant testStart = Instant.MIN;

  /**
   * The first hop after {@code after} of a request that arrived since the test began and that is
   * not one of {@link #stillServesNormalTraffic}'s: an event loop can record the hop of an earlier
   * test's last request after this test took {@link #lastSeq} (its thread paused between writing
   * the answer and recording it; the client had the answer already).
   */
  private HopRecord awaitHop(long after) {
    await().atMost(Duration.ofSeconds(5)).until(() -> hopAfter(after) != null);
    return hopAfter(after);
  }

  private HopRecord hopAfter(long after) {
    return router.hops().since(after).stream()
        .filter(hop -> !hop.path().equals("/after") && !hop.time().isBefore(testStart))
        .findFirst()
        .orElse(null);
  }
}
