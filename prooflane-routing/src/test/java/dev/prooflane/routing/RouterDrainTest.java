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
 * Replacing a baseline upstream while a request is in flight on it: the request finishes on the old
 * upstream, the next one goes to the new, and {@link Router#drained} tells when the old one is no
 * longer used, so that its process may be stopped without cutting a request.
 */
class RouterDrainTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void drainedCompletesOnceTheRequestInFlightOnTheReplacedUpstreamHasFinished() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TestUpstream old = TestUpstream.start("old");
        TestUpstream fresh = TestUpstream.start("new");
        Router router = Router.start(RouterOptions.defaults())) {
      old.holdUntil(release);
      int port = router.listen("svc", 0);
      router.update(t -> t.withBaseline("svc", old.upstream()));
      CompletableFuture<HttpResponse<String>> inFlight =
          HTTP.sendAsync(request(port), HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(20)).until(() -> old.received().size() == 1);

      router.update(t -> t.withBaseline("svc", fresh.upstream()));
      CompletableFuture<Void> drained = router.drained(old.upstream());

      assertThat(HTTP.send(request(port), HttpResponse.BodyHandlers.ofString()).body())
          .isEqualTo("new");
      assertThat(drained).as("the old upstream still serves a request").isNotDone();
      release.countDown();
      assertThat(inFlight.get(20, TimeUnit.SECONDS).body()).isEqualTo("old");
      await().atMost(Duration.ofSeconds(20)).until(drained::isDone);
      assertThat(router.drained(old.upstream())).isDone();
    } finally {
      release.countDown();
    }
  }

  @Test
  void drainedIsDoneAtOnceForAnUpstreamTheRouterNeverUsed() {
    try (Router router = Router.start(RouterOptions.defaults())) {
      assertThat(router.drained(new Upstream("127.0.0.1", 9, "never#1"))).isDone();
    }
  }

  private static HttpRequest request(int port) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x"))
        .timeout(Duration.ofSeconds(30))
        .build();
  }
}
