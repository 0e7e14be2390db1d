package dev.prooflane.kubernetes.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.RouteState;
import dev.prooflane.kubernetes.meta.ForkedService;
import dev.prooflane.kubernetes.meta.KeyMatchers;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.meta.Names;
import dev.prooflane.kubernetes.meta.RoutingChanges;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a sandbox's Gateway API routes: per forked Service, HTTPRoutes of the sandbox's own,
 * attached to the baseline Service (GAMMA: {@code parentRefs} of group {@code ""}, kind {@code
 * Service}).
 *
 * <p>Why one set of HTTPRoutes per sandbox rather than one shared route: under GAMMA the rules of
 * every HTTPRoute attached to a Service are merged, and a request goes to the most specific
 * matching rule (path, then method, then the number of header matches). A keyed rule repeats the
 * path of the rule it copies and adds one header match, so it wins over that rule whichever route
 * holds it; keys differ between sandboxes, so their rules never compete. Routes of one's own are
 * created and deleted whole, never edited by two sandboxes at once, and a sandbox stays far below
 * the API's limit of 16 rules per route; its rules are still split over several routes when the
 * rules it copies would exceed it.
 *
 * <p>When HTTPRoutes attached to the Service exist (and are not ignored), each of their rules that
 * sends to it gets keyed copies; otherwise the sandbox's route also carries a default rule to the
 * baseline Service, since a Service with an attached route only serves requests some rule matches.
 */
public final class GatewayApiRouting {
  /** The Gateway API version of the HTTPRoutes Prooflane creates. */
  public static final String API_VERSION = "gateway.networking.k8s.io/v1";

  /** The most rules one HTTPRoute may hold. */
  public static final int MAX_RULES = 16;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GatewayApiRouting() {}

  /**
   * The changes for {@code sandbox}; with no {@code forks}, those that delete its routes.
   *
   * @param labels the labels of the routes (the sandbox's, see {@code Owners.labels})
   * @param owners owner references to the sandbox, empty when rendered offline
   */
  public static RoutingChanges plan(
      String sandbox,
      String namespace,
      List<KeyMatchers.Condition> key,
      List<ForkedService> forks,
      List<ObjectNode> httpRoutes,
      Map<String, String> labels,
      List<OwnerReference> owners) {
    List<ObjectNode> writes = new ArrayList<>();
    List<RouteState> routes = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<ObjectNode> others =
        httpRoutes.stream()
            .filter(r -> !Manifests.managed(r))
            .sorted(Comparator.comparing(Manifests::name))
            .toList();
    for (ForkedService forked : forks) {
      String service = forked.baselineName();
      List<ObjectNode> attached = others.stream().filter(r -> attachedTo(r, service)).toList();
      List<ObjectNode> ignored = attached.stream().filter(Manifests::ignored).toList();
      List<ObjectNode> templates = attached.stream().filter(r -> !Manifests.ignored(r)).toList();
      if (templates.isEmpty() && !ignored.isEmpty()) {
        notes.add(
            "HTTPRoute "
                + namespace
                + "/"
                + Manifests.name(ignored.get(0))
                + " is attached to Service "
                + service
                + " but is annotated "
                + Labels.IGNORE
                + ": no route added for it");
        continue;
      }
      List<Group> groups = templates.isEmpty() ? defaults(forked) : copies(templates, service);
      for (Group g : groups) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode rule : g.rules) {
          rules.addAll(keyed(rule, key, forked));
        }
        if (g.withDefault) {
          rules.addAll(g.rules);
        }
        for (int from = 0, n = 1; from < rules.size(); from += MAX_RULES, n++) {
          String name = Names.fit(Names.fork(service, sandbox) + g.suffix + (n > 1 ? "-" + n : ""));
          ObjectNode route = route(name, namespace, labels, owners, g.parentRef);
          ArrayNode out = ((ObjectNode) route.get("spec")).putArray("rules");
          rules.subList(from, Math.min(rules.size(), from + MAX_RULES)).forEach(out::add);
          writes.add(route);
          routes.add(new RouteState("HTTPRoute", name, List.of()));
        }
      }
    }
    Set<String> written = new HashSet<>();
    writes.forEach(w -> written.add(Manifests.name(w)));
    List<ObjectNode> deletes =
        httpRoutes.stream()
            .filter(Manifests::managed)
            .filter(r -> sandbox.equals(Manifests.label(r, Labels.SANDBOX)))
            .filter(r -> !written.contains(Manifests.name(r)))
            .toList();
    return new RoutingChanges(writes, deletes, routes, notes);
  }

  /** Rules that share a parent reference and a route name suffix. */
  private record Group(
      JsonNode parentRef, String suffix, List<JsonNode> rules, boolean withDefault) {}

  private static List<Group> defaults(ForkedService forked) {
    String service = forked.baselineName();
    List<ServicePort> ports = forked.baseline().getSpec().getPorts();
    List<Group> groups = new ArrayList<>();
    for (ServicePort port : ports) {
      ObjectNode parent = serviceRef(service);
      String suffix = "";
      if (ports.size() > 1) {
        parent.put("port", port.getPort());
        suffix = "-" + port.getPort();
      }
      ObjectNode rule = JSON.objectNode();
      rule.putArray("matches")
          .addObject()
          .putObject("path")
          .put("type", "PathPrefix")
          .put("value", "/");
      rule.putArray("backendRefs").add(serviceRef(service).put("port", port.getPort()));
      groups.add(new Group(parent, suffix, List.of(rule), true));
    }
    return groups;
  }

  private static List<Group> copies(List<ObjectNode> templates, String service) {
    List<JsonNode> rules = new ArrayList<>();
    for (ObjectNode t : templates) {
      for (JsonNode rule : t.path("spec").path("rules")) {
        for (JsonNode ref : rule.path("backendRefs")) {
          if (isService(ref, service)) {
            rules.add(rule);
            break;
          }
        }
      }
    }
    return List.of(new Group(serviceRef(service), "", rules, false));
  }

  /** One copy of {@code rule} per key condition, each of its matches with that header added. */
  private static List<JsonNode> keyed(
      JsonNode rule, List<KeyMatchers.Condition> key, ForkedService forked) {
    List<JsonNode> out = new ArrayList<>();
    for (KeyMatchers.Condition c : key) {
      ObjectNode copy = rule.deepCopy();
      copy.remove("name");
      ArrayNode matches = JSON.arrayNode();
      List<JsonNode> originals = new ArrayList<>();
      rule.path("matches").forEach(originals::add);
      if (originals.isEmpty()) {
        originals.add(
            JSON.objectNode()
                .set("path", JSON.objectNode().put("type", "PathPrefix").put("value", "/")));
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

  private static ObjectNode route(
      String name,
      String namespace,
      Map<String, String> labels,
      List<OwnerReference> owners,
      JsonNode parentRef) {
    ObjectNode route = JSON.objectNode();
    route.put("apiVersion", API_VERSION).put("kind", "HTTPRoute");
    ObjectNode metadata = route.putObject("metadata");
    metadata.put("name", name).put("namespace", namespace);
    metadata.set("labels", Manifests.toTree(labels));
    if (!owners.isEmpty()) {
      metadata.set("ownerReferences", Manifests.toTree(owners));
    }
    ObjectNode spec = route.putObject("spec");
    spec.putArray("parentRefs").add(parentRef.deepCopy());
    return route;
  }

  private static ObjectNode serviceRef(String service) {
    return JSON.objectNode().put("group", "").put("kind", "Service").put("name", service);
  }

  private static boolean attachedTo(JsonNode route, String service) {
    String ns = Manifests.namespace(route);
    for (JsonNode ref : route.path("spec").path("parentRefs")) {
      if (ref.path("group").isTextual()
          && ref.path("group").asText().isEmpty()
          && "Service".equals(ref.path("kind").asText())
          && service.equals(ref.path("name").asText())
          && ns.equals(ref.path("namespace").asText(ns))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isService(JsonNode ref, String service) {
    return ref.path("group").asText("").isEmpty()
        && "Service".equals(ref.path("kind").asText("Service"))
        && service.equals(ref.path("name").asText());
  }
}
