package dev.prooflane.kubernetes.istio;

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
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a sandbox's Istio routes: its keyed routes in every VirtualService that sends traffic to a
 * forked Service, and a VirtualService of Prooflane's own for a Service no VirtualService routes.
 *
 * <p>The plan starts from the VirtualServices as they are, removes all of the sandbox's routes and
 * adds those of its current forks, so it is idempotent and drops routes of forks removed from the
 * spec. VirtualServices annotated {@code prooflane.dev/ignore: "true"} are never changed. A
 * VirtualService Prooflane created is deleted once no sandbox has a route in it.
 */
public final class IstioRouting {
  /** The Istio networking version of the VirtualServices Prooflane creates. */
  public static final String API_VERSION = "networking.istio.io/v1";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private IstioRouting() {}

  /**
   * The changes for {@code sandbox} in {@code namespace}; with no {@code forks}, the changes that
   * remove all of its routes.
   */
  public static RoutingChanges plan(
      String sandbox,
      String namespace,
      List<KeyMatchers.Condition> key,
      List<ForkedService> forks,
      List<ObjectNode> virtualServices) {
    Map<String, ObjectNode> original = new LinkedHashMap<>();
    Map<String, ObjectNode> working = new LinkedHashMap<>();
    virtualServices.stream()
        .sorted(Comparator.comparing(Manifests::name))
        .forEach(
            vs -> {
              original.put(Manifests.name(vs), vs);
              working.put(Manifests.name(vs), vs.deepCopy());
            });
    List<String> notes = new ArrayList<>();
    for (ObjectNode vs : working.values()) {
      if (!Manifests.ignored(vs)) {
        VirtualServiceRoutes.remove(vs, sandbox);
      }
    }
    Map<String, List<String>> added = new LinkedHashMap<>();
    for (ForkedService forked : forks) {
      String service = forked.baselineName();
      List<ObjectNode> targets = new ArrayList<>();
      boolean ignoredOnly = false;
      for (ObjectNode vs : working.values()) {
        if (VirtualServiceRoutes.sendsTo(vs, service, namespace)) {
          if (Manifests.ignored(vs)) {
            ignoredOnly = true;
            notes.add(
                "VirtualService "
                    + namespace
                    + "/"
                    + Manifests.name(vs)
                    + " routes to "
                    + service
                    + " but is annotated "
                    + Labels.IGNORE
                    + ": left as it is");
          } else {
            targets.add(vs);
          }
        }
      }
      if (targets.isEmpty() && !ignoredOnly) {
        ObjectNode created = create(forked, namespace);
        working.put(Manifests.name(created), created);
        targets.add(created);
      }
      for (ObjectNode vs : targets) {
        List<String> names = added.computeIfAbsent(Manifests.name(vs), n -> new ArrayList<>());
        names.addAll(VirtualServiceRoutes.add(vs, sandbox, key, forked, namespace, names.size()));
      }
    }
    List<ObjectNode> writes = new ArrayList<>();
    List<ObjectNode> deletes = new ArrayList<>();
    List<RouteState> routes = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : working.entrySet()) {
      ObjectNode vs = e.getValue();
      ObjectNode before = original.get(e.getKey());
      boolean empty = Manifests.managed(vs) && !hasSandboxRoutes(vs);
      if (empty) {
        if (before != null) {
          deletes.add(before);
        }
      } else if (!vs.equals(before)) {
        writes.add(vs);
      }
      List<String> names = added.getOrDefault(e.getKey(), List.of());
      if (!names.isEmpty()) {
        routes.add(new RouteState("VirtualService", e.getKey(), names));
      }
    }
    return new RoutingChanges(writes, deletes, routes, notes);
  }

  private static boolean hasSandboxRoutes(JsonNode vs) {
    for (JsonNode route : vs.path("spec").path("http")) {
      if (Names.isSandboxRoute(route.path("name").asText(null))) {
        return true;
      }
    }
    return false;
  }

  /** A VirtualService of Prooflane's own for a Service no VirtualService routes yet. */
  private static ObjectNode create(ForkedService forked, String namespace) {
    String service = forked.baselineName();
    ObjectNode vs = JSON.objectNode();
    vs.put("apiVersion", API_VERSION).put("kind", "VirtualService");
    ObjectNode metadata = vs.putObject("metadata");
    metadata.put("name", Names.fit(service + "-prooflane")).put("namespace", namespace);
    metadata.putObject("labels").put(Labels.MANAGED_BY, Labels.PROOFLANE);
    ObjectNode spec = vs.putObject("spec");
    spec.putArray("hosts").add(service);
    ArrayNode http = spec.putArray("http");
    List<ServicePort> ports = forked.baseline().getSpec().getPorts();
    if (ports.size() <= 1) {
      ObjectNode route = http.addObject().put("name", "baseline");
      route.putArray("route").addObject().putObject("destination").put("host", service);
    } else {
      for (ServicePort port : ports) {
        ObjectNode route = http.addObject().put("name", "baseline-" + port.getPort());
        route.putArray("match").addObject().put("port", port.getPort());
        ObjectNode destination = route.putArray("route").addObject().putObject("destination");
        destination.put("host", service).putObject("port").put("number", port.getPort());
      }
    }
    return vs;
  }
}
