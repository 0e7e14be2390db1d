package dev.prooflane.kubernetes.istio;

import static dev.prooflane.kubernetes.support.PlanObjects.find;
import static dev.prooflane.kubernetes.support.PlanObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.RoutingProvider;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Baselines;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.plan.Plan;
import dev.prooflane.kubernetes.plan.Planner;
import dev.prooflane.kubernetes.support.CrdSchemas;
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Istio routes gRPC as HTTP/2: a VirtualService's {@code http} routes, header matches included,
 * apply to gRPC calls as they are, so the Istio provider plans a gRPC service exactly like an HTTP
 * one. The fixture {@code stock} has a gRPC port (9090, {@code appProtocol: grpc}) and an HTTP
 * admin port (8081).
 */
class GrpcVirtualServiceTest {
  private static final Planner PLANNER = Planner.of(KeyNames.DEFAULT);
  private static final RoutingKey KEY = new RoutingKey("q8w2e4r6t1yu");

  private static Sandbox sandbox() {
    Sandbox sandbox = Fixtures.sandbox("sandbox-grpc.yaml");
    sandbox.getSpec().getRouting().setProvider(RoutingProvider.ISTIO);
    return sandbox;
  }

  /** The fixture, with {@code stock}'s ports declared as plain HTTP ones. */
  private static List<ObjectNode> asPlainHttp() {
    List<ObjectNode> objects = new ArrayList<>();
    for (ObjectNode o : Fixtures.grpcBaseline()) {
      if (Manifests.kind(o).equals("Service")) {
        ObjectNode grpcPort = (ObjectNode) o.path("spec").path("ports").get(0);
        grpcPort.remove("appProtocol");
        grpcPort.put("name", "http-api");
      }
      objects.add(o);
    }
    return objects;
  }

  private static List<String> routeNames(JsonNode vs) {
    List<String> names = new ArrayList<>();
    vs.path("spec").path("http").forEach(r -> names.add(r.path("name").asText()));
    return names;
  }

  @Test
  void aServiceWithAGrpcPortGetsTheSameVirtualServiceRoutesAsAnHttpOne() {
    Plan grpc = PLANNER.plan(sandbox(), KEY, Baselines.of("shop", Fixtures.grpcBaseline()));
    Plan http = PLANNER.plan(sandbox(), KEY, Baselines.of("shop", asPlainHttp()));

    ObjectNode vs = find(grpc.writes(), "VirtualService", "stock-prooflane");
    assertThat(vs).isEqualTo(find(http.writes(), "VirtualService", "stock-prooflane"));
    assertThat(routeNames(vs))
        .containsExactly("prooflane-pr-44", "baseline-9090", "prooflane-pr-44:2", "baseline-8081");
    JsonNode keyed = vs.path("spec").path("http").get(0);
    assertThat(keyed.path("match")).hasSize(3);
    for (JsonNode m : keyed.path("match")) {
      assertThat(m.path("port").asInt()).isEqualTo(9090);
    }
    assertThat(keyed.path("match").get(2).path("headers").path("x-prooflane-key").path("exact"))
        .hasToString("\"q8w2e4r6t1yu\"");
    JsonNode destination = keyed.path("route").get(0).path("destination");
    assertThat(destination.path("host").asText()).isEqualTo("stock-pr-44.shop.svc.cluster.local");
    assertThat(destination.path("port").path("number").asInt()).isEqualTo(9090);
    assertThat(CrdSchemas.problems(vs)).isEmpty();
    assertThat(grpc.writes())
        .extracting(Manifests::kind)
        .containsExactly("Deployment", "Service", "VirtualService");
    JsonNode forkPort = find(grpc.writes(), "Service", "stock-pr-44").path("spec").path("ports");
    assertThat(forkPort.get(0).path("appProtocol").asText())
        .as("the mesh speaks gRPC to the fork's port as to the baseline's")
        .isEqualTo("grpc");
  }

  @Test
  void theTeamsVirtualServiceRoutingGrpcMethodsGetsKeyedCopiesOfThoseRoutes() {
    ObjectNode team =
        yaml(
            """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: stock, namespace: shop}
            spec:
              hosts: [stock]
              http:
              - name: reserve
                match: [{uri: {exact: /shop.Stock/Reserve}}]
                timeout: 2s
                route: [{destination: {host: stock, port: {number: 9090}}}]
              - name: default
                route: [{destination: {host: stock}}]
            """);
    List<ObjectNode> objects = new ArrayList<>(Fixtures.grpcBaseline());
    objects.add(team);

    Plan plan = PLANNER.plan(sandbox(), KEY, Baselines.of("shop", objects));

    ObjectNode vs = find(plan.writes(), "VirtualService", "stock");
    assertThat(routeNames(vs))
        .containsExactly("prooflane-pr-44", "reserve", "prooflane-pr-44:2", "default");
    JsonNode reserve = vs.path("spec").path("http").get(0);
    assertThat(reserve.path("match").get(0).path("uri").path("exact").asText())
        .isEqualTo("/shop.Stock/Reserve");
    assertThat(reserve.path("timeout").asText()).isEqualTo("2s");
    assertThat(reserve.path("route").get(0).path("destination").path("host").asText())
        .isEqualTo("stock-pr-44.shop.svc.cluster.local");
    assertThat(CrdSchemas.problems(vs)).isEmpty();
  }
}
