package dev.prooflane.actions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.prooflane.actions.core.ActionCall;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.model.KeyNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The http step that repeats a keyed exchange without the key (a run's control request). */
class ReplayTest {
  private static final KeyNames QUERY_KEY =
      new KeyNames("prooflane-key", "prooflane-key", "x-prooflane-key", Optional.of("pk"));

  private static Exchange keyed(
      String method, String url, String body, Map<String, List<String>> headers) {
    return new Exchange(
        "sandbox", "pricing", true, method, url, headers, body, 200, Map.of(), "{}", 1.5, "t1",
        List.of(), null);
  }

  @Test
  void repeatsMethodPathBodyAndContentTypeUnkeyedAsTheControl() {
    ActionCall call =
        Replay.withoutKey(
            keyed(
                "POST",
                "http://127.0.0.1:9/quote?sku=a1&pk=key1&x=",
                "{\"q\":1}",
                Map.of(
                    "content-type", List.of("application/json"),
                    "baggage", List.of("prooflane-key=key1"))),
            QUERY_KEY);

    assertThat(call.action()).isEqualTo("http");
    assertThat(call.with())
        .containsExactly(
            entry("service", "pricing"),
            entry("method", "POST"),
            entry("path", "/quote?sku=a1&x="),
            entry("inject", false),
            entry("label", "control"),
            entry("body", "{\"q\":1}"),
            entry("headers", Map.of("content-type", "application/json")));
  }

  @Test
  void dropsTheKeyParameterEvenWhenEncodedAndThenAnEmptyQuery() {
    ActionCall call =
        Replay.withoutKey(
            keyed("GET", "http://127.0.0.1:9/p?p%6B=key1", null, Map.of()), QUERY_KEY);

    assertThat(call.with()).containsEntry("path", "/p").doesNotContainKeys("body", "headers");
  }

  @Test
  void keepsEveryParameterWhenTheKeyTravelsOnlyInHeaders() {
    ActionCall call =
        Replay.withoutKey(
            keyed("GET", "http://127.0.0.1:9/p?pk=1&a=2", "text", Map.of()), KeyNames.DEFAULT);

    assertThat(call.with())
        .containsEntry("path", "/p?pk=1&a=2")
        .containsEntry("body", "text")
        .doesNotContainKey("headers");
  }

  @Test
  void repeatsAGrpcCallAsAGrpcStepWithItsMethodAndRequest() {
    ActionCall call =
        Replay.withoutKey(
            keyed(
                "POST",
                "grpc://127.0.0.1:9/test.Stock/Reserve",
                "[{\"sku\":\"a\"},{\"sku\":\"b\"}]",
                Map.of("x-prooflane-key", List.of("key1"))),
            KeyNames.DEFAULT);

    assertThat(call.action()).isEqualTo("grpc");
    assertThat(call.with())
        .containsExactly(
            entry("service", "pricing"),
            entry("method", "test.Stock/Reserve"),
            entry("request", List.of(Map.of("sku", "a"), Map.of("sku", "b"))),
            entry("inject", false),
            entry("label", "control"));
  }
}
