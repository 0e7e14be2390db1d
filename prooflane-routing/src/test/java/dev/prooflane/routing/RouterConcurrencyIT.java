package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RouterConcurrencyIT {
  private static final int REQUESTS_PER_KEY = 3_000;
  private static final int IN_FLIGHT = 256;

  @Test
  void routesTwoSandboxesUnderConcurrentLoadWithoutMisroutes() throws Exception {
    try (TestUpstream baseline = TestUpstream.start("baseline/cart#1");
        TestUpstream forkA = TestUpstream.start("sbx-a/cart#1");
        TestUpstream forkB = TestUpstream.start("sbx-b/cart#1");
        Router router = Router.start(RouterOptions.defaults())) {
      int port = router.listen("cart", 0);
      router.update(
          t ->
              t.withBaseline("cart", baseline.upstream())
                  .withSandbox(sandbox("sbx-a", "key-a", "cart", forkA.upstream()))
                  .withSandbox(sandbox("sbx-b", "key-b", "cart", forkB.upstream())));
      Map<String, String> expected =
          Map.of("key-a", "sbx-a/cart#1", "key-b", "sbx-b/cart#1", "", "baseline/cart#1");
      AtomicBoolean churning = new AtomicBoolean(true);
      Thread churn = churnUnrelatedRoutes(router, churning);

      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      Semaphore inFlight = new Semaphore(IN_FLIGHT);
      Map<String, AtomicInteger> misroutes = new ConcurrentHashMap<>();
      AtomicInteger ok = new AtomicInteger();
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < REQUESTS_PER_KEY; i++) {
        for (String key : expected.keySet()) {
          HttpRequest.Builder request =
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cart/" + i))
                  .timeout(Duration.ofSeconds(60));
          if (!key.isEmpty()) {
            request.header("baggage", "user=u" + i + ",prooflane-key=" + key);
          }
          inFlight.acquire();
          all.add(
              http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                  .whenComplete(
                      (response, failure) -> {
                        inFlight.release();
                        if (failure == null
                            && response.statusCode() == 200
                            && response.body().equals(expected.get(key))) {
                          ok.incrementAndGet();
                        } else {
                          String what =
                              failure != null
                                  ? failure.toString()
                                  : response.statusCode() + " " + response.body();
                          misroutes
                              .computeIfAbsent(key + " -> " + what, k -> new AtomicInteger())
                              .incrementAndGet();
                        }
                      }));
        }
      }
      // a deadline, not a speed: 256 requests in flight wait their turn on a busy machine
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .get(240, TimeUnit.SECONDS);
      churning.set(false);
      churn.join();

      assertThat(misroutes).isEmpty();
      assertThat(ok.get()).isEqualTo(3 * REQUESTS_PER_KEY);
      assertThat(forkA.received()).hasSize(REQUESTS_PER_KEY);
      assertThat(forkB.received()).hasSize(REQUESTS_PER_KEY);
      assertThat(baseline.received()).hasSize(REQUESTS_PER_KEY);
    }
  }

  /** Adds and removes other sandboxes while the load runs, so route swaps race with requests. */
  private static Thread churnUnrelatedRoutes(Router router, AtomicBoolean running) {
    Upstream elsewhere = new Upstream("127.0.0.1", 1, "nowhere");
    Thread churn =
        new Thread(
            () -> {
              int n = 0;
              while (running.get()) {
                String name = "noise-" + (n++ % 50);
                router.update(t -> t.withSandbox(sandbox(name, name, "cart-other", elsewhere)));
                router.update(t -> t.withoutSandbox(name));
                try {
                  Thread.sleep(1);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            },
            "route-churn");
    churn.start();
    return churn;
  }
}
