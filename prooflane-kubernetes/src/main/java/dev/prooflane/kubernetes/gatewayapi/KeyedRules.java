package dev.prooflane.kubernetes.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.ForkedService;
import dev.prooflane.kubernetes.meta.KeyMatchers;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyed copies of a route rule: HTTPRoute and GRPCRoute rules alike, since both match headers
 * the same way ({@code type} {@code Exact} or {@code RegularExpression}, {@code name}, {@code
 * value}) and send to {@code backendRefs}.
 */
final class KeyedRules {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private KeyedRules() {}

  /**
   * One copy of {@code rule} per key condition, each of its matches with that header added (a rule
   * without matches is taken to have the kind's catch-all match), its sends to the forked Service
   * going to the fork's instead. A match that already tests the condition's header is left out of
   * that copy; a copy left without matches is dropped.
   */
  static List<JsonNode> of(
      RouteKind kind, JsonNode rule, List<KeyMatchers.Condition> key, ForkedService forked) {
    List<JsonNode> out = new ArrayList<>();
    for (KeyMatchers.Condition c : key) {
      ObjectNode copy = rule.deepCopy();
      copy.remove("name");
      ArrayNode matches = JSON.arrayNode();
      List<JsonNode> originals = new ArrayList<>();
      rule.path("matches").forEach(originals::add);
      if (originals.isEmpty()) {
        originals.add(kind.catchAll());
      }
      for (JsonNode m : originals) {
        boolean clash = false;
        for (JsonNode h : m.path("headers")) {
          clash |= h.path("name").asText().equalsIgnoreCase(c.header());
        }
        if (clash) {
          continue;
        }
        ObjectNode match = m.deepCopy();
        ArrayNode headers =
            match.has("headers") ? (ArrayNode) match.get("headers") : match.putArray("headers");
        headers
            .addObject()
            .put("type", c.regex() ? "RegularExpression" : "Exact")
            .put("name", c.header())
            .put("value", c.value());
        matches.add(match);
      }
      if (matches.isEmpty()) {
        continue;
      }
      copy.set("matches", matches);
      for (JsonNode ref : copy.path("backendRefs")) {
        if (isService(ref, forked.baselineName())) {
          ((ObjectNode) ref).put("name", forked.forkName());
          ((ObjectNode) ref).remove("namespace");
        }
      }
      out.add(copy);
    }
    return out;
  }

  /** Whether {@code rule} has a backend that is {@code service}. */
  static boolean sendsTo(JsonNode rule, String service) {
    for (JsonNode ref : rule.path("backendRefs")) {
      if (isService(ref, service)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code ref}, a backend reference, is the Service {@code service}. */
  private static boolean isService(JsonNode ref, String service) {
    return ref.path("group").asText("").isEmpty()
        && "Service".equals(ref.path("kind").asText("Service"))
        && service.equals(ref.path("name").asText());
  }
}
