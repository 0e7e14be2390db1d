package dev.prooflane.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import dev.prooflane.examples.shop.TestHttp.Answer;
import dev.prooflane.examples.shop.catalog.CatalogService;
import dev.prooflane.examples.shop.http.ShopServer;
import java.net.URI;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What catalog sends to pricing, seen by a recording server in pricing's place. */
class PropagationTest {
  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  private static final String TRACESTATE = "prooflane=pr-42,vendor=abc";

  private HeaderRecorder pricing;
  private CapturedConsole log;
  private ShopServer catalog;

  @BeforeEach
  void startRecorder() throws Exception {
    pricing = new HeaderRecorder();
    log = new CapturedConsole();
  }

  @AfterEach
  void stop() {
    if (catalog != null) {
      catalog.close();
    }
    pricing.close();
  }

  private Answer askCatalog(Function<URI, CatalogService> variant, String... headers)
      throws Exception {
    catalog = ShopServer.start(variant.apply(pricing.url()), "baseline", 0, log.console);
    return TestHttp.get(catalog.url(), "/items/1", headers);
  }

  @Test
  void catalogForwardsTraceContextAndBaggageUnchanged() throws Exception {
    Answer answer =
        askCatalog(
            CatalogService::propagating,
            "traceparent",
            TRACEPARENT,
            "tracestate",
            TRACESTATE,
            "baggage",
            "prooflane-key=pr-42,team=shop");

    assertThat(answer.status()).isEqualTo(200);
    Headers sent = pricing.onlyRequest();
    assertThat(sent.getFirst("traceparent")).isEqualTo(TRACEPARENT);
    assertThat(sent.getFirst("tracestate")).isEqualTo(TRACESTATE);
    assertThat(sent.getFirst("baggage")).contains("prooflane-key=pr-42").contains("team=shop");
    assertThat(answer.body().get("hops").findValuesAsText("servedBy"))
        .containsExactly("baseline", "recorder");
  }

  @Test
  void catalogDoesNotForwardTheKeyHeader() throws Exception {
    askCatalog(CatalogService::propagating, "x-prooflane-key", "pr-42");

    Headers sent = pricing.onlyRequest();
    assertThat(sent.containsKey("x-prooflane-key")).isFalse();
    assertThat(sent.containsKey("baggage")).isFalse();
    assertThat(log.out()).contains("catalog baseline GET /items/1 status=200 key=-");
  }

  @Test
  void catalogDroppingKeySendsNoContextAtAll() throws Exception {
    Answer answer =
        askCatalog(
            CatalogService::droppingKey,
            "traceparent",
            TRACEPARENT,
            "baggage",
            "prooflane-key=pr-42");

    assertThat(answer.status()).isEqualTo(200);
    Headers sent = pricing.onlyRequest();
    assertThat(sent.containsKey("baggage")).isFalse();
    assertThat(sent.containsKey("traceparent")).isFalse();
    assertThat(sent.containsKey("tracestate")).isFalse();
    // catalog itself received the key; the bug is only in what it sends on
    assertThat(log.out()).contains("catalog baseline GET /items/1 status=200 key=pr-42");
  }
}
