package dev.prooflane.examples.shop.grpc;

import dev.prooflane.examples.shop.http.HeaderPropagation;
import io.grpc.Metadata;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collections;
import java.util.Iterator;

/**
 * W3C trace context and baggage in and out of gRPC metadata with the same OpenTelemetry propagators
 * as the HTTP services ({@link HeaderPropagation#W3C}): what OpenTelemetry's gRPC instrumentation
 * does, without spans.
 */
public final class MetadataPropagation {
  private static final TextMapGetter<Metadata> GETTER =
      new TextMapGetter<>() {
        @Override
        public String get(Metadata metadata, String name) {
          return metadata == null ? null : metadata.get(key(name));
        }

        @Override
        public Iterator<String> getAll(Metadata metadata, String name) {
          Iterable<String> values = metadata == null ? null : metadata.getAll(key(name));
          return values == null ? Collections.emptyIterator() : values.iterator();
        }
      };

  private static final TextMapSetter<Metadata> SETTER =
      (metadata, name, value) -> {
        if (metadata != null) {
          Metadata.Key<String> key = key(name);
          metadata.discardAll(key);
          metadata.put(key, value);
        }
      };

  private MetadataPropagation() {}

  /** The context that {@code metadata} carries: trace context and baggage. */
  public static Context extract(Metadata metadata) {
    return HeaderPropagation.W3C.extract(Context.root(), metadata, GETTER);
  }

  /** Writes {@code context} into {@code metadata}: {@code traceparent}, {@code baggage}... */
  public static void inject(Context context, Metadata metadata) {
    HeaderPropagation.W3C.inject(context, metadata, SETTER);
  }

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }
}
