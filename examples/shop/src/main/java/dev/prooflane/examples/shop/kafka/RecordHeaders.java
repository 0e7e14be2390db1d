package dev.prooflane.examples.shop.kafka;

import dev.prooflane.examples.shop.http.HeaderPropagation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * W3C trace context and baggage in and out of Kafka record headers with the shop's propagators
 * ({@link HeaderPropagation#W3C}): {@code traceparent}, {@code baggage} (which carries the
 * Prooflane routing key) as UTF-8 header values.
 */
public final class RecordHeaders {
  private static final TextMapSetter<Headers> SETTER =
      (headers, name, value) -> {
        if (headers != null) {
          headers.remove(name);
          headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
      };

  private static final TextMapGetter<Headers> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(Headers headers, String name) {
          Header h = headers == null ? null : headers.lastHeader(name);
          return h == null || h.value() == null ? null : text(h);
        }

        @Override
        public Iterator<String> getAll(Headers headers, String name) {
          List<String> values = new ArrayList<>();
          if (headers != null) {
            headers.headers(name).forEach(h -> values.add(h.value() == null ? "" : text(h)));
          }
          return values.iterator();
        }
      };

  private RecordHeaders() {}

  /** Writes {@code context} into {@code headers}: {@code traceparent}, {@code baggage}... */
  public static void inject(Context context, Headers headers) {
    HeaderPropagation.W3C.inject(context, headers, SETTER);
  }

  /** The context that {@code headers} carry: trace context and baggage. */
  public static Context extract(Headers headers) {
    return HeaderPropagation.W3C.extract(Context.root(), headers, GETTER);
  }

  private static String text(Header h) {
    return new String(h.value(), StandardCharsets.UTF_8);
  }
}
