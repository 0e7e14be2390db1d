package dev.prooflane.agent.detector;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.function.UnaryOperator;

/**
 * Notes in the Context which key an inbound request carried, right after a propagator extracted it:
 * from baggage, tracestate or the plain header, in the router's order of precedence.
 */
public final class InboundCapture {

  private InboundCapture() {}

  /**
   * The extracted context with the inbound request's key noted in it, or the context unchanged when
   * the request carried no key (or the detector is off).
   *
   * @param extracted the context after extraction
   * @param header reads one request header by its (lower-case) name; null when absent
   */
  public static Context capture(Context extracted, UnaryOperator<String> header) {
    DetectorConfig config = Detector.config();
    return config == null ? extracted : capture(config, extracted, header);
  }

  static Context capture(DetectorConfig config, Context extracted, UnaryOperator<String> header) {
    String key = keyOf(config, extracted, header);
    if (key == null) {
      return extracted;
    }
    SpanContext remote = Span.fromContext(extracted).getSpanContext();
    String traceId = remote.isValid() ? remote.getTraceId() : null;
    return extracted.with(Inbound.CONTEXT_KEY, new Inbound(key, traceId, null, null));
  }

  static String keyOf(DetectorConfig config, Context context, UnaryOperator<String> header) {
    if (!config.baggage().isEmpty()) {
      String value = Baggage.fromContext(context).getEntryValue(config.baggage());
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    if (!config.tracestate().isEmpty()) {
      String value =
          Span.fromContext(context).getSpanContext().getTraceState().get(config.tracestate());
      if (value != null && !value.isEmpty()) {
        return value;
      }
    }
    if (!config.header().isEmpty()) {
      String value = header.apply(config.header());
      if (value != null && !value.trim().isEmpty()) {
        return value.trim();
      }
    }
    return null;
  }
}
