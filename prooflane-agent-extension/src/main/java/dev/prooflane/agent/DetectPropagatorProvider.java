package dev.prooflane.agent;

import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurablePropagatorProvider;

/**
 * Provides the {@code prooflane-detect} propagator ({@code OTEL_PROPAGATORS=prooflane-detect}):
 * extraction of W3C trace context and baggage, no injection.
 */
public final class DetectPropagatorProvider implements ConfigurablePropagatorProvider {

  /** The name {@code OTEL_PROPAGATORS} uses. */
  public static final String NAME = "prooflane-detect";

  @Override
  public TextMapPropagator getPropagator(ConfigProperties config) {
    return new DetectPropagator();
  }

  @Override
  public String getName() {
    return NAME;
  }
}
