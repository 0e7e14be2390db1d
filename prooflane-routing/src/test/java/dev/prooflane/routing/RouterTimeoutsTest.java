package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Head-read and keep-alive deadlines on client connections (slowloris defence). */
class RouterTimeoutsTest {
  private static final Duration HEAD = Duration.ofMillis(1_000);
  private static final Duration KEEP_ALIVE = Duration.ofMillis(3_000);

  /**
   * How late a deadline's close may be seen on a machine whose cores are all busy: the bound still
   * tells the configured 1 s head deadline from the 10 s default.
   */
  private static final Duration LATE = Duration.ofSeconds(5);

  private TestUpstream upstream;
  private Router router;
  private int port;

  @BeforeEach
  void start() {
    upstream = TestUpstream.start("baseline/cart#1");
    router =
        Router.start(
            RouterOptions.defaults().withHeaderTimeout(HEAD).withKeepAliveTimeout(KEEP_ALIVE));
    port = router.listen("cart", 0);
    router.update(t -> t.withBaseline("cart", upstream.upstream()));
  }

  @AfterEach
  void stop() {
    router.close();
    upstream.close();
  }

  @Test
  void closesAClientThatSendsItsHeadOneByteAtATime() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      long start = System.nanoTime();
      connection.writeRaw("GET /slow HTTP/1.1\r\nHost: cart.local\r\nX-Slow: ");
      boolean closed = false;
      int sent = 0;
      // a byte every 200 ms: a deadline renewed by every byte would never close the connection
      while (!closed && System.nanoTime() - start < HEAD.plus(LATE).plus(LATE).toNanos()) {
        try {
          connection.writeRaw("a");
          sent++;
        } catch (UncheckedIOException e) {
          closed = true;
          break;
        }
        closed = connection.closesWithin(Duration.ofMillis(200));
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(closed).as("closed after %d bytes", sent).isTrue();
      assertThat(millis).isBetween(HEAD.toMillis() - 100, HEAD.plus(LATE).toMillis());
    }
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void closesAConnectionThatNeverSendsAByte() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      assertThat(connection.closesWithin(HEAD.plus(LATE))).isTrue();
    }
  }

  @Test
  void closesAnIdleKeepAliveConnectionAfterTheKeepAliveTimeout() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      assertThat(connection.get("/one").status()).isEqualTo(200);

      // the client sees the response late on a busy machine: the window leaves it 1.5 s for that
      assertThat(connection.closesWithin(KEEP_ALIVE.minusMillis(1_500))).as("too early").isFalse();
      assertThat(connection.closesWithin(KEEP_ALIVE.plus(LATE))).isTrue();
    }
  }

  @Test
  void keepsServingAKeepAliveClientThatComesBackInTime() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      for (int i = 0; i < 3; i++) {
        assertThat(connection.get("/again/" + i).status()).isEqualTo(200);
        assertThat(connection.closesWithin(Duration.ofMillis(700))).isFalse();
      }
    }
  }

  @Test
  void neverCutsAnExchangeThatOutlastsBothDeadlines() throws IOException {
    upstream.delay(KEEP_ALIVE.toMillis() + 800);
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      RawHttpConnection.Response response = connection.get("/slow-upstream");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text()).isEqualTo("baseline/cart#1");
    }
  }

  @Test
  void appliesTheHeadDeadlineToALaterRequestOnAKeptAliveConnection() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      assertThat(connection.get("/first").status()).isEqualTo(200);
      connection.writeRaw("GET /second HTTP/1.1\r\nHost: cart.local\r\n");

      assertThat(connection.closesWithin(HEAD.plus(LATE))).isTrue();
      assertThatThrownBy(connection::read).isInstanceOf(UncheckedIOException.class);
    }
  }

  @Test
  void defaultsToTenSecondsForTheHeadAndSixtyForKeepAlive() {
    RouterOptions defaults = RouterOptions.defaults();

    assertThat(defaults.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.maxHops()).isEqualTo(16);
  }
}
