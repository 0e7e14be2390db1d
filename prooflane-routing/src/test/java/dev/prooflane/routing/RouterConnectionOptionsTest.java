package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.KeyNames;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Headers a client names in {@code Connection}: hop-by-hop, so dropped before forwarding, except
 * {@code Host} and the configured routing-key carriers, which the router routes by and the fork
 * needs for its own downstream calls.
 */
class RouterConnectionOptionsTest {
  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private ShopRouter shop;

  /** Starts the router with these key names; returns its listener's port. */
  private int start(KeyNames names) {
    shop = new ShopRouter(RouterOptions.defaults().withKeyNames(names));
    return shop.port;
  }

  /** What the fork received first. */
  private TestUpstream.Received forwarded() {
    return shop.fork.received().get(0);
  }

  @AfterEach
  void stop() {
    shop.close();
  }

  static Stream<Arguments> carriers() {
    return Stream.of(
        Arguments.of(KeyNames.DEFAULT, "x-prooflane-key", "key-a"),
        Arguments.of(KeyNames.DEFAULT, "baggage", "userId=alice,prooflane-key=key-a"),
        Arguments.of(KeyNames.DEFAULT, "tracestate", "prooflane-key=key-a,vendor=1"),
        Arguments.of(KeyNames.compat("signadot").orElseThrow(), "baggage", "sd-routing-key=key-a"),
        Arguments.of(KeyNames.compat("signadot").orElseThrow(), "uberctx-sd-routing-key", "key-a"),
        Arguments.of(new KeyNames("", "", "x-team-key", Optional.empty()), "X-Team-Key", "key-a"));
  }

  @ParameterizedTest(name = "{1} named in Connection")
  @MethodSource("carriers")
  void forwardsAKeyCarrierThatConnectionNamesUnchanged(KeyNames names, String carrier, String value)
      throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(start(names))) {
      RawHttpConnection.Response response =
          connection.get(
              "/carrier",
              "Connection: keep-alive, " + carrier + ", x-client-secret",
              carrier + ": " + value,
              "traceparent: " + TRACEPARENT,
              "x-client-secret: hop");

      assertThat(response.text()).isEqualTo("sbx-a/shop#1");
    }
    TestUpstream.Received received = forwarded();
    assertThat(received.header(carrier)).isEqualTo(value);
    assertThat(received.headers()).doesNotContainKeys("x-client-secret", "connection");
  }

  @Test
  void keepsTraceparentWhenTracestateCarriesTheKey() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(start(KeyNames.DEFAULT))) {
      connection.get(
          "/trace",
          "Connection: traceparent, tracestate",
          "traceparent: " + TRACEPARENT,
          "tracestate: prooflane-key=key-a");
    }
    TestUpstream.Received received = forwarded();
    assertThat(received.header("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(received.header("tracestate")).isEqualTo("prooflane-key=key-a");
  }

  @Test
  void keepsHostAsSentWhenConnectionNamesIt() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(start(KeyNames.DEFAULT))) {
      connection.get("/host", "Connection: host", "x-prooflane-key: key-a");
    }
    TestUpstream.Received received = forwarded();
    assertThat(received.header("host")).isEqualTo("test.local");
    assertThat(received.header("x-forwarded-host")).isEqualTo("test.local");
  }

  @Test
  void dropsAHeaderThatIsNotAConfiguredCarrierWhenConnectionNamesIt() throws IOException {
    try (RawHttpConnection connection =
        new RawHttpConnection(start(new KeyNames("", "", "x-team-key", Optional.empty())))) {
      connection.get(
          "/off",
          "Connection: baggage, tracestate, traceparent",
          "baggage: userId=alice",
          "tracestate: vendor=1",
          "traceparent: " + TRACEPARENT,
          "x-team-key: key-a");
    }
    TestUpstream.Received received = forwarded();
    assertThat(received.header("x-team-key")).isEqualTo("key-a");
    assertThat(received.headers()).doesNotContainKeys("baggage", "tracestate", "traceparent");
  }
}
