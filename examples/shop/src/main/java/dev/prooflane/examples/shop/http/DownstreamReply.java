package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a downstream service answered.
 *
 * @param service the downstream service name, such as {@code pricing}
 * @param status the HTTP status, or 0 when no response arrived
 * @param body the JSON body; a JSON string when the body was not JSON or no response arrived
 */
public record DownstreamReply(String service, int status, JsonNode body) {
  public DownstreamReply {
    requireNonNull(service, "service");
    requireNonNull(body, "body");
  }

  /** True for a 200 with a JSON object body. */
  public boolean ok() {
    return status == 200 && body.isObject();
  }

  /** The body's fields except {@code hops}, to merge into the caller's response. */
  public ObjectNode fields() {
    ObjectNode copy = body.isObject() ? ((ObjectNode) body).deepCopy() : Json.object();
    copy.remove("hops");
    return copy;
  }

  List<JsonNode> hops() {
    List<JsonNode> hops = new ArrayList<>();
    JsonNode array = body.path("hops");
    if (array.isArray()) {
      array.forEach(hops::add);
    }
    return hops;
  }
}
