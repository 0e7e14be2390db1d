package dev.prooflane.examples.shop.http;

import com.sun.net.httpserver.Headers;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * W3C trace context and baggage in and out of HTTP headers (and gRPC metadata, which are HTTP/2
 * headers), the way an OpenTelemetry-instrumented service does it. No spans are created: what
 * arrived is what leaves.
 */
public final class HeaderPropagation {
  /** The baggage member that carries the Prooflane routing key. */
  static final String KEY_MEMBER = "prooflane-key";

  /** The OpenTelemetry propagators every shop service uses: W3C trace context, then baggage. */
  public static final TextMapPropagator W3C =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  static final TextMapSetter<HttpRequest.Builder> SETTER =
      (builder, name, value) -> {
        if (builder != null) {
          builder.setHeader(name, value);
        }
      };

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(Headers headers, String name) {
          return headers == null ? null : headers.getFirst(name);
        }

        @Override
        public Iterator<String> getAll(Headers headers, String name) {
          List<String> values = headers == null ? null : headers.get(name);
          return values == null ? Collections.emptyIterator() : values.iterator();
        }
      };

  private HeaderPropagation() {}

  /** The context carried by {@code headers} (trace context and baggage). */
  public static Context extract(Headers headers) {
    return W3C.extract(Context.root(), headers, GETTER);
  }

  /** The routing key from the context's baggage, or null. */
  public static String routingKey(Context context) {
    String value = Baggage.fromContext(context).getEntryValue(KEY_MEMBER);
    return value == null || value.isBlank() ? null : value;
  }
}
