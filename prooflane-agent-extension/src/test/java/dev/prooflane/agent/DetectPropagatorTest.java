package dev.prooflane.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.agent.detector.MapGetter;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectPropagatorTest {

  private final DetectPropagator propagator = new DetectPropagator();

  @Test
  void extractsTraceContextAndBaggageLikeTheW3cPropagators() {
    Map<String, String> headers =
        Map.of(
            "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "tracestate", "congo=t61rcWkgMzE",
            "baggage", "prooflane-key=sbx-1");

    Context context = propagator.extract(Context.root(), headers, new MapGetter());

    assertThat(Span.fromContext(context).getSpanContext().getTraceId())
        .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(Span.fromContext(context).getSpanContext().getTraceState().get("congo"))
        .isEqualTo("t61rcWkgMzE");
    assertThat(Baggage.fromContext(context).getEntryValue("prooflane-key")).isEqualTo("sbx-1");
  }

  @Test
  void injectsNothing() {
    Map<String, String> headers =
        Map.of(
            "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "baggage", "prooflane-key=sbx-1");
    Context context = propagator.extract(Context.root(), headers, new MapGetter());
    Map<String, String> out = new HashMap<>();

    propagator.inject(context, out, Map::put);

    assertThat(out).isEmpty();
    assertThat(propagator.fields()).isEmpty();
    assertThat(new DetectPropagatorProvider().getName()).isEqualTo("prooflane-detect");
  }
}
