package dev.prooflane.agent;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.List;

/**
 * The {@code prooflane-detect} propagator: extracts W3C trace context and baggage exactly as {@code
 * tracecontext,baggage} do (the key is noted by the wrapper every configured propagator gets, see
 * {@link KeyCapturingPropagator}), and injects nothing, so that the agent's instrumentations
 * forward nothing themselves.
 */
final class DetectPropagator implements TextMapPropagator {

  private static final TextMapPropagator EXTRACTING =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  @Override
  public Collection<String> fields() {
    return List.of();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    // Injects nothing: the service's own code decides what travels.
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    return EXTRACTING.extract(context, carrier, getter);
  }

  @Override
  public String toString() {
    return "DetectPropagator";
  }
}
