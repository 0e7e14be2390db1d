package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundCaptureTest {

  private static final TextMapPropagator W3C =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
  private static final String TRACEPARENT =
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private final DetectorConfig config = Configs.of(Path.of("drops.jsonl"));

  private Inbound capture(Map<String, String> headers) {
    Context extracted = W3C.extract(Context.root(), headers, new MapGetter());
    return InboundCapture.capture(config, extracted, headers::get).get(Inbound.CONTEXT_KEY);
  }

  @Test
  void notesTheKeyFromBaggageFirstWithTheRequestsTrace() {
    Inbound inbound =
        capture(
            Map.of(
                "traceparent", TRACEPARENT,
                "tracestate", "prooflane-key=from-tracestate",
                "baggage", "prooflane-key=from-baggage",
                "x-prooflane-key", "from-header"));

    assertThat(inbound.key()).isEqualTo("from-baggage");
    assertThat(inbound.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(inbound.method()).isNull();
  }

  @Test
  void fallsBackToTracestateThenToThePlainHeader() {
    assertThat(
            capture(
                    Map.of(
                        "traceparent",
                        TRACEPARENT,
                        "tracestate",
                        "prooflane-key=from-tracestate",
                        "x-prooflane-key",
                        "from-header"))
                .key())
        .isEqualTo("from-tracestate");
    Inbound headerOnly = capture(Map.of("x-prooflane-key", " from-header "));
    assertThat(headerOnly.key()).isEqualTo("from-header");
    assertThat(headerOnly.traceId()).isNull();
  }

  @Test
  void aRequestWithoutTheKeyLeavesTheContextAsItWas() {
    Map<String, String> headers = Map.of("traceparent", TRACEPARENT, "baggage", "userId=7");
    Context extracted = W3C.extract(Context.root(), headers, new MapGetter());

    assertThat(InboundCapture.capture(config, extracted, headers::get)).isSameAs(extracted);
  }
}
