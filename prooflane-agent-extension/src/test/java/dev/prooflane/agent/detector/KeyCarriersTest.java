package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class KeyCarriersTest {

  private final DetectorConfig config = Configs.of(Path.of("drops.jsonl"));

  @Test
  void baggageMemberWithTheKeyCarriesItWhateverTheHeaderCaseAndProperties() {
    UnaryOperator<String> headers =
        OutboundHeaders.of(
            Map.of("Baggage", List.of("userId=7", "prooflane-key = sbx%2D1 ;ttl=3,other=x")));

    assertThat(KeyCarriers.carriesKey(config, headers, "sbx-1")).isTrue();
  }

  @Test
  void aMemberWithAnotherValueOrALongerNameDoesNotCarryTheKey() {
    UnaryOperator<String> other =
        OutboundHeaders.of(Map.of("baggage", List.of("prooflane-key=sbx-2")));
    UnaryOperator<String> longer =
        OutboundHeaders.of(Map.of("baggage", List.of("prooflane-key2=sbx-1")));

    assertThat(KeyCarriers.carriesKey(config, other, "sbx-1")).isFalse();
    assertThat(KeyCarriers.carriesKey(config, longer, "sbx-1")).isFalse();
  }

  @Test
  void tracestateMemberOrPlainHeaderCarryTheKey() {
    UnaryOperator<String> tracestate =
        OutboundHeaders.of(Map.of("tracestate", List.of("congo=t61rcWkgMzE,prooflane-key=sbx-1")));
    UnaryOperator<String> header =
        OutboundHeaders.of(Map.of("X-Prooflane-Key", List.of(" sbx-1 ")));

    assertThat(KeyCarriers.carriesKey(config, tracestate, "sbx-1")).isTrue();
    assertThat(KeyCarriers.carriesKey(config, header, "sbx-1")).isTrue();
  }

  @Test
  void aCarrierLeftUnconfiguredIsNotLookedAt() {
    DetectorConfig baggageOnly =
        new DetectorConfig(
            Path.of("d.jsonl"), "s", "baseline", "prooflane-key", "", "", "detect", 4096, 1);
    UnaryOperator<String> header = OutboundHeaders.of(Map.of("x-prooflane-key", List.of("sbx-1")));

    assertThat(KeyCarriers.carriesKey(baggageOnly, header, "sbx-1")).isFalse();
  }

  @Test
  void carriedNamesEveryCarrierThatHoldsAnything() {
    UnaryOperator<String> headers =
        OutboundHeaders.of(
            Map.of(
                "traceparent", List.of("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
                "baggage", List.of("userId=7"),
                "Content-Type", List.of("text/plain")));

    assertThat(KeyCarriers.carried(config, headers)).containsExactly("traceparent", "baggage");
    assertThat(KeyCarriers.carried(config, OutboundHeaders.of(Map.of()))).isEmpty();
  }

  @Test
  void grpcMetadataValuesAreReadByName() {
    UnaryOperator<String> headers =
        OutboundHeaders.of(
            "x-prooflane-key", null, List.of("a=1", "prooflane-key=sbx-1"), null, List.of("k"));

    assertThat(headers.apply("baggage")).isEqualTo("a=1,prooflane-key=sbx-1");
    assertThat(headers.apply("x-prooflane-key")).isEqualTo("k");
    assertThat(headers.apply("traceparent")).isNull();
    assertThat(KeyCarriers.carriesKey(config, headers, "sbx-1")).isTrue();
    assertThat(KeyCarriers.carried(config, headers)).containsExactly("baggage", "header");
  }
}
