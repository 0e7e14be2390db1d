package dev.prooflane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A trace is in flight at the router from the moment one of its requests arrives until that hop is
 * recorded: a reader that sees the outer hop of a trace knows whether inner ones are still coming.
 */
class RouterInFlightTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void aTraceIsInFlightUntilTheHopOfEachOfItsRequestsIsRecorded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TestUpstream upstream = TestUpstream.start("baseline/pricing#1");
        Router router = Router.start(RouterOptions.defaults())) {
      upstream.holdUntil(release);
      int port = router.listen("pricing", 0);
      router.update(t -> t.withBaseline("pricing", upstream.upstream()));
      assertThat(router.hops().inFlight(TRACE)).isFalse();

      CompletableFuture<HttpResponse<String>> answer =
          HTTP.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/price"))
                  .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(20)).until(() -> upstream.received().size() == 1);

      assertThat(router.hops().inFlight(TRACE)).as("held at the upstream").isTrue();
      assertThat(router.hops().inFlight("0af7651916cd43dd8448eb211c80319c")).isFalse();
      assertThat(router.hops().inFlight(null)).isFalse();
      release.countDown();
      assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> !router.hops().inFlight(TRACE));
      assertThat(router.hops().recent(1))
          .singleElement()
          .extracting(HopRecord::traceId)
          .isEqualTo(TRACE);
    } finally {
      release.countDown();
    }
  }
}
