package dev.prooflane.agent.detector;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;

/** Reads a map of request headers, as a server's getter reads its request, for the tests. */
public final class MapGetter implements TextMapGetter<Map<String, String>> {

  @Override
  public Iterable<String> keys(Map<String, String> carrier) {
    return carrier.keySet();
  }

  @Override
  public String get(Map<String, String> carrier, String key) {
    return carrier == null ? null : carrier.get(key);
  }
}
