package dev.prooflane.kubernetes.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.ForkedService;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Manifests;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, per port of a forked Service, which kind of route the sandbox adds and which rules it
 * copies, and groups the rules by the route that will hold them.
 *
 * <p>GEP-1426: when routes of different kinds attach to one Service port, the mesh applies only one
 * kind (GRPCRoute before HTTPRoute) and ignores the others. So on a port that the team's routes
 * attach to (through {@code parentRefs} naming the Service, with that {@code port} or none), the
 * sandbox copies the rules of the team's routes of the kind that applies there, and writes that
 * kind: its keyed rules are never the ignored ones, and it never changes which kind applies. On a
 * port no route attaches to, the kind follows the port's protocol ({@link RouteKind#forPort}) and
 * the route carries a default rule to the baseline. A Service with both gRPC and other ports gets
 * GRPCRoutes for the one and HTTPRoutes for the others, each attached to its port.
 */
final class RuleGroups {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * Rules that go in routes of one kind, parent reference and name suffix.
   *
   * @param withDefault whether the rules copied are defaults to the baseline, to be kept after the
   *     keyed copies
   */
  record Group(
      RouteKind kind,
      JsonNode parentRef,
      String suffix,
      List<JsonNode> rules,
      boolean withDefault) {}

  /** What the sandbox adds on one port: a default of {@code kind}, or copies of {@code routes}. */
  private record OnPort(RouteKind kind, List<ObjectNode> routes, ObjectNode ignored) {}

  private RuleGroups() {}

  /**
   * The groups for {@code forked}, in the order of its ports.
   *
   * @param teamRoutes the routes of the namespace that Prooflane did not make, by name
   * @param notes where to say which port is skipped because its routes are ignored
   */
  static List<Group> of(
      ForkedService forked,
      List<ObjectNode> teamRoutes,
      String namespace,
      Collection<String> notes) {
    String service = forked.baselineName();
    List<ServicePort> ports = forked.baseline().getSpec().getPorts();
    List<OnPort> plans = new ArrayList<>();
    Map<List<ObjectNode>, Integer> portsCopying = new LinkedHashMap<>();
    for (ServicePort port : ports) {
      OnPort on = onPort(port, service, teamRoutes);
      plans.add(on);
      if (!on.routes().isEmpty()) {
        portsCopying.merge(on.routes(), 1, Integer::sum);
      }
    }
    List<Group> groups = new ArrayList<>();
    Set<List<ObjectNode>> whole = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      OnPort on = plans.get(i);
      int port = ports.get(i).getPort();
      String suffix = ports.size() > 1 ? "-" + port : "";
      if (on.ignored() != null) {
        notes.add(
            Manifests.kind(on.ignored())
                + " "
                + namespace
                + "/"
                + Manifests.name(on.ignored())
                + " is attached to Service "
                + service
                + " but is annotated "
                + Labels.IGNORE
                + ": no route added for it");
      } else if (on.routes().isEmpty()) {
        ObjectNode rule = on.kind().defaultRule(serviceRef(service).put("port", port));
        groups.add(
            new Group(on.kind(), parentRef(service, port, ports), suffix, List.of(rule), true));
      } else if (portsCopying.get(on.routes()) == ports.size()) {
        // Routes that apply to every port are copied once, attached to the Service as a whole.
        if (whole.add(on.routes())) {
          groups.add(new Group(on.kind(), serviceRef(service), "", rules(on, service), false));
        }
      } else {
        groups.add(
            new Group(
                on.kind(),
                serviceRef(service).put("port", port),
                suffix,
                rules(on, service),
                false));
      }
    }
    return groups;
  }

  private static OnPort onPort(ServicePort port, String service, List<ObjectNode> teamRoutes) {
    List<ObjectNode> attached =
        teamRoutes.stream().filter(r -> attachedTo(r, service, port.getPort())).toList();
    if (attached.isEmpty()) {
      return new OnPort(RouteKind.forPort(port), List.of(), null);
    }
    RouteKind applies =
        attached.stream().anyMatch(r -> RouteKind.of(r).orElseThrow() == RouteKind.GRPC)
            ? RouteKind.GRPC
            : RouteKind.HTTP;
    List<ObjectNode> ofKind =
        attached.stream().filter(r -> RouteKind.of(r).orElseThrow() == applies).toList();
    List<ObjectNode> copied = ofKind.stream().filter(r -> !Manifests.ignored(r)).toList();
    return new OnPort(applies, copied, copied.isEmpty() ? ofKind.get(0) : null);
  }

  /** The rules of the routes copied on a port that send to {@code service}. */
  private static List<JsonNode> rules(OnPort on, String service) {
    List<JsonNode> rules = new ArrayList<>();
    for (ObjectNode route : on.routes()) {
      for (JsonNode rule : route.path("spec").path("rules")) {
        if (KeyedRules.sendsTo(rule, service)) {
          rules.add(rule);
        }
      }
    }
    return rules;
  }

  private static ObjectNode parentRef(String service, int port, List<ServicePort> ports) {
    ObjectNode ref = serviceRef(service);
    return ports.size() > 1 ? ref.put("port", port) : ref;
  }

  static ObjectNode serviceRef(String service) {
    return JSON.objectNode().put("group", "").put("kind", "Service").put("name", service);
  }

  /**
   * Whether {@code route} is attached to port {@code port} of {@code service} (GAMMA: a parent
   * reference to the Service without a port attaches to every port).
   */
  private static boolean attachedTo(JsonNode route, String service, int port) {
    String ns = Manifests.namespace(route);
    for (JsonNode ref : route.path("spec").path("parentRefs")) {
      if (ref.path("group").isTextual()
          && ref.path("group").asText().isEmpty()
          && "Service".equals(ref.path("kind").asText())
          && service.equals(ref.path("name").asText())
          && ns.equals(ref.path("namespace").asText(ns))
          && (!ref.has("port") || ref.path("port").asInt() == port)) {
        return true;
      }
    }
    return false;
  }
}
