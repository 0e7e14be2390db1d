package dev.prooflane.agent;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

/**
 * Starts the drop detector with the agent's SDK: puts its core on the bootstrap class path and
 * wraps each configured propagator so that extraction also notes the inbound request's key (from
 * baggage, tracestate or the plain header) in the Context.
 */
public final class DetectorCustomizerProvider implements AutoConfigurationCustomizerProvider {

  @Override
  public void customize(AutoConfigurationCustomizer autoConfiguration) {
    if (!BootstrapInstaller.installed()) {
      return;
    }
    autoConfiguration.addPropagatorCustomizer(
        (propagator, config) -> new KeyCapturingPropagator(propagator));
  }
}
