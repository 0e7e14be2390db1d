package dev.prooflane.kubernetes.istio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.ForkedService;
import dev.prooflane.kubernetes.meta.KeyMatchers;
import dev.prooflane.kubernetes.meta.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Edits the {@code http} routes of one VirtualService: removes a sandbox's routes, and adds a keyed
 * copy of every route that sends traffic to a forked Service.
 *
 * <p>A keyed copy is the original route (rewrites, timeouts, retries and all) with each of its
 * matches combined with each key condition, and the forked Service's destinations replaced by the
 * fork's. It is placed just before the route it copies, among the sandbox routes already there in
 * name order, so routes listed earlier keep their precedence and two sandboxes forking one Service
 * get a deterministic order; for the usual single catch-all route, that is the top of the list.
 */
final class VirtualServiceRoutes {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private VirtualServiceRoutes() {}

  /** Removes every route of {@code sandbox} from {@code vs}; returns whether any was there. */
  static boolean remove(ObjectNode vs, String sandbox) {
    ArrayNode http = http(vs);
    boolean removed = false;
    for (int i = http.size() - 1; i >= 0; i--) {
      if (Names.isRouteOf(http.get(i).path("name").asText(null), sandbox)) {
        http.remove(i);
        removed = true;
      }
    }
    return removed;
  }

  /** Whether a route of {@code vs} that is not a sandbox's sends traffic to {@code service}. */
  static boolean sendsTo(JsonNode vs, String service, String namespace) {
    for (JsonNode route : vs.path("spec").path("http")) {
      if (!Names.isSandboxRoute(route.path("name").asText(null))
          && sendsTo(route, service, namespace, true)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the keyed copies for {@code forked} to {@code vs}, numbering them after {@code taken}
   * routes the sandbox already has in it; returns the names added.
   */
  static List<String> add(
      ObjectNode vs,
      String sandbox,
      List<KeyMatchers.Condition> key,
      ForkedService forked,
      String namespace,
      int taken) {
    ArrayNode http = http(vs);
    List<JsonNode> originals = new ArrayList<>();
    for (JsonNode route : http) {
      if (!Names.isSandboxRoute(route.path("name").asText(null))
          && sendsTo(route, forked.baselineName(), namespace, true)) {
        originals.add(route);
      }
    }
    List<String> added = new ArrayList<>();
    for (JsonNode original : originals) {
      String name = Names.route(sandbox, taken + added.size() + 1);
      ObjectNode copy = keyedCopy(original, name, key, forked, namespace);
      int at = indexOf(http, original);
      while (at > 0
          && Names.isSandboxRoute(http.get(at - 1).path("name").asText(null))
          && http.get(at - 1).path("name").asText().compareTo(name) > 0) {
        at--;
      }
      http.insert(at, copy);
      added.add(name);
    }
    return added;
  }

  private static ObjectNode keyedCopy(
      JsonNode original,
      String name,
      List<KeyMatchers.Condition> key,
      ForkedService forked,
      String namespace) {
    ObjectNode copy = original.deepCopy();
    ObjectNode named = JSON.objectNode().put("name", name);
    copy.remove("name");
    named.setAll(copy);
    ArrayNode matches = JSON.arrayNode();
    List<JsonNode> originalMatches = new ArrayList<>();
    original.path("match").forEach(originalMatches::add);
    if (originalMatches.isEmpty()) {
      originalMatches.add(JSON.objectNode());
    }
    for (JsonNode m : originalMatches) {
      for (KeyMatchers.Condition c : key) {
        if (m.path("headers").has(c.header())) {
          continue;
        }
        ObjectNode match = m.deepCopy();
        ObjectNode headers =
            match.has("headers") ? (ObjectNode) match.get("headers") : JSON.objectNode();
        headers.set(c.header(), JSON.objectNode().put(c.regex() ? "regex" : "exact", c.value()));
        match.set("headers", headers);
        matches.add(match);
      }
    }
    named.set("match", matches);
    for (JsonNode destination : named.path("route")) {
      if (sendsTo(destination, forked.baselineName(), namespace, false)) {
        ObjectNode d = (ObjectNode) destination.get("destination");
        d.put("host", forked.forkHost());
        d.remove("subset");
      }
    }
    return named;
  }

  /** Whether {@code node} (a route, or one destination of it) sends to {@code service}. */
  private static boolean sendsTo(JsonNode node, String service, String namespace, boolean route) {
    if (route) {
      for (JsonNode destination : node.path("route")) {
        if (sendsTo(destination, service, namespace, false)) {
          return true;
        }
      }
      return false;
    }
    String host = node.path("destination").path("host").asText("");
    return host.equals(service)
        || host.equals(service + "." + namespace)
        || host.equals(service + "." + namespace + ".svc")
        || host.equals(service + "." + namespace + ".svc.cluster.local");
  }

  private static int indexOf(ArrayNode array, JsonNode element) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i) == element) {
        return i;
      }
    }
    throw new IllegalStateException("route vanished while adding routes");
  }

  static ArrayNode http(ObjectNode vs) {
    ObjectNode spec = vs.has("spec") ? (ObjectNode) vs.get("spec") : vs.putObject("spec");
    return spec.has("http") ? (ArrayNode) spec.get("http") : spec.putArray("http");
  }
}
