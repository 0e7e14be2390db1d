package dev.prooflane.agent;

import static java.util.Objects.requireNonNull;

import dev.prooflane.agent.detector.InboundCapture;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * A configured propagator whose extraction also notes the inbound request's routing key in the
 * Context (for the detector); injection is the configured propagator's, unchanged.
 */
final class KeyCapturingPropagator implements TextMapPropagator {

  private final TextMapPropagator delegate;

  KeyCapturingPropagator(TextMapPropagator delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  @Override
  public Collection<String> fields() {
    return delegate.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    delegate.inject(context, carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context extracted = delegate.extract(context, carrier, getter);
    if (carrier == null || getter == null) {
      return extracted;
    }
    try {
      return InboundCapture.capture(extracted, name -> getter.get(carrier, name));
    } catch (RuntimeException e) {
      return extracted;
    }
  }

  @Override
  public String toString() {
    return "KeyCapturingPropagator{" + delegate + "}";
  }
}
