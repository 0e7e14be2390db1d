package dev.prooflane.agent;

import dev.prooflane.agent.detector.Inbound;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizer;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizerProvider;
import io.opentelemetry.instrumentation.api.instrumenter.ContextCustomizer;

/**
 * Adds the inbound request's method and target (path and query) to the keyed request noted in the
 * Context, for every HTTP server the agent instruments.
 */
public final class InboundRequestCustomizerProvider implements InstrumenterCustomizerProvider {

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");

  @Override
  public void customize(InstrumenterCustomizer customizer) {
    if (BootstrapInstaller.installed()
        && customizer.hasType(InstrumenterCustomizer.InstrumentationType.HTTP_SERVER)) {
      customizer.addContextCustomizer(new InboundRequest());
    }
  }

  private static final class InboundRequest implements ContextCustomizer<Object> {
    @Override
    public Context onStart(Context context, Object request, Attributes startAttributes) {
      try {
        Inbound inbound = context.get(Inbound.CONTEXT_KEY);
        if (inbound == null) {
          return context;
        }
        String path = startAttributes.get(PATH);
        String query = startAttributes.get(QUERY);
        String target = path == null ? null : query == null ? path : path + '?' + query;
        return context.with(
            Inbound.CONTEXT_KEY, inbound.withRequest(startAttributes.get(METHOD), target));
      } catch (RuntimeException e) {
        return context;
      }
    }
  }
}
