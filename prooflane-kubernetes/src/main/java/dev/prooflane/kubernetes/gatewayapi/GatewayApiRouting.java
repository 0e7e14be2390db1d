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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans a sandbox's Gateway API routes: per forked Service, HTTPRoutes or GRPCRoutes of the
 * sandbox's own, attached to the baseline Service (GAMMA: {@code parentRefs} of group {@code ""},
 * kind {@code Service}). Which kind on which port is {@link RuleGroups}' decision.
 *
 * <p>Why one set of routes per sandbox rather than one shared route: under GAMMA the rules of every
 * route of one kind attached to a Service are merged, and a request goes to the most specific
 * matching rule (for HTTPRoute: path, then method, then the number of header matches; for
 * GRPCRoute: service, then method, then the number of header matches). A keyed rule repeats the
 * matches of the rule it copies and adds one header match, so it wins over that rule whichever
 * route holds it; keys differ between sandboxes, so their rules never compete. Routes of one's own
 * are created and deleted whole, never edited by two sandboxes at once, and a sandbox stays far
 * below the API's limits of 16 rules and 128 matches per route; its rules are still split over
 * several routes when the rules it copies would exceed them.
 *
 * <p>When routes attached to the Service exist (and are not ignored), each of their rules that
 * sends to it gets keyed copies; otherwise the sandbox's route also carries a default rule to the
 * baseline Service, since a Service with an attached route only serves requests some rule matches.
 */
public final class GatewayApiRouting {
  /** The Gateway API version of the routes Prooflane creates and reads. */
  public static final String API_VERSION = "gateway.networking.k8s.io/v1";

  /** The most rules one route may hold. */
  public static final int MAX_RULES = 16;

  /** The most matches the rules of one route may hold together. */
  public static final int MAX_MATCHES = 128;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private GatewayApiRouting() {}

  /**
   * The changes for {@code sandbox}; with no {@code forks}, those that delete its routes.
   *
   * @param routes the namespace's HTTPRoutes and GRPCRoutes, the team's and Prooflane's
   * @param labels the labels of the routes (the sandbox's, see {@code Owners.labels})
   * @param owners owner references to the sandbox, empty when rendered offline
   */
  public static RoutingChanges plan(
      String sandbox,
      String namespace,
      List<KeyMatchers.Condition> key,
      List<ForkedService> forks,
      List<ObjectNode> routes,
      Map<String, String> labels,
      List<OwnerReference> owners) {
    List<ObjectNode> writes = new ArrayList<>();
    List<RouteState> states = new ArrayList<>();
    Set<String> notes = new LinkedHashSet<>();
    List<ObjectNode> teamRoutes =
        routes.stream()
            .filter(r -> RouteKind.of(r).isPresent())
            .filter(r -> !Manifests.managed(r))
            .sorted(Comparator.comparing(Manifests::name).thenComparing(Manifests::kind))
            .toList();
    for (ForkedService forked : forks) {
      for (RuleGroups.Group g : RuleGroups.of(forked, teamRoutes, namespace, notes)) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode rule : g.rules()) {
          rules.addAll(KeyedRules.of(g.kind(), rule, key, forked));
        }
        if (g.withDefault()) {
          rules.addAll(g.rules());
        }
        List<List<JsonNode>> chunks = chunks(rules);
        for (int i = 0; i < chunks.size(); i++) {
          String name =
              Names.fit(
                  Names.fork(forked.baselineName(), sandbox)
                      + g.suffix()
                      + (i > 0 ? "-" + (i + 1) : ""));
          ObjectNode route = route(g.kind(), name, namespace, labels, owners, g.parentRef());
          ArrayNode out = ((ObjectNode) route.get("spec")).putArray("rules");
          chunks.get(i).forEach(out::add);
          writes.add(route);
          states.add(new RouteState(g.kind().kind(), name, List.of()));
        }
      }
    }
    Set<String> written = new HashSet<>();
    writes.forEach(w -> written.add(id(w)));
    List<ObjectNode> deletes =
        routes.stream()
            .filter(r -> RouteKind.of(r).isPresent())
            .filter(Manifests::managed)
            .filter(r -> sandbox.equals(Manifests.label(r, Labels.SANDBOX)))
            .filter(r -> !written.contains(id(r)))
            .toList();
    return new RoutingChanges(writes, deletes, states, List.copyOf(notes));
  }

  /** {@code rules} in order, split so that no part exceeds a route's limits. */
  static List<List<JsonNode>> chunks(List<JsonNode> rules) {
    List<List<JsonNode>> out = new ArrayList<>();
    List<JsonNode> current = new ArrayList<>();
    int matches = 0;
    for (JsonNode rule : rules) {
      // The API server gives an HTTPRoute rule without matches one (path prefix /).
      int m = Math.max(1, rule.path("matches").size());
      if (!current.isEmpty() && (current.size() == MAX_RULES || matches + m > MAX_MATCHES)) {
        out.add(current);
        current = new ArrayList<>();
        matches = 0;
      }
      current.add(rule);
      matches += m;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private static String id(JsonNode route) {
    return Manifests.kind(route) + "/" + Manifests.name(route);
  }

  private static ObjectNode route(
      RouteKind kind,
      String name,
      String namespace,
      Map<String, String> labels,
      List<OwnerReference> owners,
      JsonNode parentRef) {
    ObjectNode route = JSON.objectNode();
    route.put("apiVersion", API_VERSION).put("kind", kind.kind());
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
}
