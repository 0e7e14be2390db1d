package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.RouteWatch;
import dev.prooflane.model.KeyNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /kafka/routes}: every sandbox whose routes are in the route table, with
 * the state of each fork, and the names a record's headers carry the routing key under.
 *
 * @param version changes with every change of {@code sandboxes}; send it back to wait for the next
 * @param keyNames {@code baggage}, {@code tracestate} and {@code header}: the names of the key's
 *     baggage member, tracestate member and plain header (an empty name: not carried that way)
 * @param sandboxes by name
 */
public record KafkaRoutes(
    long version, Map<String, String> keyNames, List<RouteWatch.RoutedSandbox> sandboxes) {
  public KafkaRoutes {
    requireNonNull(keyNames, "keyNames");
    keyNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keyNames));
    sandboxes = List.copyOf(sandboxes);
  }

  /** The routes of {@code snapshot}, the key carried under {@code names}. */
  public static KafkaRoutes of(RouteWatch.Snapshot snapshot, KeyNames names) {
    Map<String, String> keyNames = new LinkedHashMap<>();
    keyNames.put("baggage", names.baggage());
    keyNames.put("tracestate", names.tracestate());
    keyNames.put("header", names.header());
    return new KafkaRoutes(snapshot.version(), keyNames, snapshot.sandboxes());
  }
}
