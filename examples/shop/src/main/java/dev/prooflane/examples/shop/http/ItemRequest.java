package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One incoming {@code GET /<resource>/{id}}: the id, the propagated context, and the hops that
 * downstream calls made for it reported (collected by {@link Downstream#get}, or given to {@link
 * #addHop}).
 */
public final class ItemRequest {
  private final String id;
  private final Context context;
  private final List<JsonNode> downstreamHops = new ArrayList<>();

  ItemRequest(String id, Context context) {
    this.id = requireNonNull(id, "id");
    this.context = requireNonNull(context, "context");
  }

  /** The item id from the path. */
  public String id() {
    return id;
  }

  /** The trace context and baggage that arrived with the request. */
  public Context context() {
    return context;
  }

  /** The routing key in the {@code prooflane-key} baggage member, if one arrived. */
  public Optional<String> routingKey() {
    return Optional.ofNullable(HeaderPropagation.routingKey(context));
  }

  /**
   * Records that a downstream call made for this request was served by {@code servedBy} at {@code
   * service}: for a protocol whose answer has no {@code hops} field, such as a gRPC call.
   */
  public void addHop(String service, String servedBy) {
    ObjectNode hop =
        Json.object()
            .put("service", requireNonNull(service, "service"))
            .put("servedBy", requireNonNull(servedBy, "servedBy"));
    addHops(List.of(hop));
  }

  synchronized void addHops(List<JsonNode> hops) {
    downstreamHops.addAll(hops);
  }

  synchronized List<JsonNode> downstreamHops() {
    return List.copyOf(downstreamHops);
  }
}
