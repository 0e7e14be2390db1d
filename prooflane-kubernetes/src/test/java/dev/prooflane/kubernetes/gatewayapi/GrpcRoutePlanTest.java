package dev.prooflane.kubernetes.gatewayapi;

import static dev.prooflane.kubernetes.support.PlanObjects.find;
import static dev.prooflane.kubernetes.support.PlanObjects.headers;
import static dev.prooflane.kubernetes.support.PlanObjects.ids;
import static dev.prooflane.kubernetes.support.PlanObjects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.RouteState;
import dev.prooflane.kubernetes.crd.RoutingProvider;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Baselines;
import dev.prooflane.kubernetes.meta.Labels;
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
 * The Gateway API provider on a gRPC service: the fixture {@code stock} has a gRPC port (9090,
 * {@code appProtocol: grpc}) and an HTTP admin port (8081).
 */
class GrpcRoutePlanTest {
  private static final Planner PLANNER = Planner.of(KeyNames.DEFAULT);
  private static final RoutingKey KEY = new RoutingKey("q8w2e4r6t1yu");

  /** A GRPCRoute of the team's, attached to port 9090 of stock. */
  private static final String TEAM_GRPC_ROUTE =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: GRPCRoute
      metadata: {name: stock-api, namespace: shop}
      spec:
        parentRefs: [{group: "", kind: Service, name: stock, port: 9090}]
        rules:
        - matches: [{method: {service: shop.Stock, method: Reserve}}]
          filters:
          - type: RequestHeaderModifier
            requestHeaderModifier: {add: [{name: x-reserve, value: "1"}]}
          backendRefs: [{name: stock, port: 9090}]
        - backendRefs: [{name: stock, port: 9090}]
      """;

  /** An HTTPRoute of the team's, attached to every port of stock. */
  private static final String TEAM_HTTP_ROUTE =
      """
      apiVersion: gateway.networking.k8s.io/v1
      kind: HTTPRoute
      metadata: {name: stock, namespace: shop}
      spec:
        parentRefs: [{group: "", kind: Service, name: stock}]
        rules:
        - matches: [{path: {type: PathPrefix, value: /shop.Stock/}}]
          backendRefs: [{name: stock, port: 9090}]
        - backendRefs: [{name: stock, port: 8081}]
      """;

  private static Sandbox sandbox() {
    return Fixtures.sandbox("sandbox-grpc.yaml");
  }

  private static Plan plan(Sandbox sandbox, ObjectNode... teamObjects) {
    List<ObjectNode> objects = new ArrayList<>(Fixtures.grpcBaseline());
    objects.addAll(List.of(teamObjects));
    return PLANNER.plan(sandbox, KEY, Baselines.of("shop", objects));
  }

  private static List<ObjectNode> routes(List<ObjectNode> objects) {
    return objects.stream()
        .filter(o -> List.of("HTTPRoute", "GRPCRoute").contains(Manifests.kind(o)))
        .toList();
  }

  private static void assertValid(List<ObjectNode> objects) {
    for (ObjectNode route : routes(objects)) {
      assertThat(CrdSchemas.problems(route)).as(Manifests.describe(route)).isEmpty();
    }
  }

  @Test
  void aServiceWithAGrpcAndAnHttpPortGetsAGrpcRouteAndAnHttpRouteEachAttachedToItsPort() {
    Plan plan = plan(sandbox());

    assertThat(ids(routes(plan.writes())))
        .containsExactly("GRPCRoute/stock-pr-44-9090", "HTTPRoute/stock-pr-44-8081");
    ObjectNode grpc = find(plan.writes(), "GRPCRoute", "stock-pr-44-9090");
    JsonNode parent = grpc.path("spec").path("parentRefs").get(0);
    assertThat(parent.path("group").asText()).isEmpty();
    assertThat(parent.path("kind").asText()).isEqualTo("Service");
    assertThat(parent.path("name").asText()).isEqualTo("stock");
    assertThat(parent.path("port").asInt()).isEqualTo(9090);
    JsonNode rules = grpc.path("spec").path("rules");
    assertThat(rules).hasSize(4);
    for (int i = 0; i < 3; i++) {
      JsonNode match = rules.get(i).path("matches").get(0);
      assertThat(match.has("path")).isFalse();
      assertThat(match.has("method")).isFalse();
      assertThat(rules.get(i).path("backendRefs").get(0).path("name").asText())
          .isEqualTo("stock-pr-44");
      assertThat(rules.get(i).path("backendRefs").get(0).path("port").asInt()).isEqualTo(9090);
    }
    assertThat(rules.get(3).has("matches")).isFalse();
    assertThat(rules.get(3).path("backendRefs").get(0).path("name").asText()).isEqualTo("stock");
    assertThat(rules.get(3).path("backendRefs").get(0).path("port").asInt()).isEqualTo(9090);

    ObjectNode http = find(plan.writes(), "HTTPRoute", "stock-pr-44-8081");
    assertThat(http.path("spec").path("parentRefs").get(0).path("port").asInt()).isEqualTo(8081);
    JsonNode httpRules = http.path("spec").path("rules");
    assertThat(httpRules).hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(headers(rules.get(i).path("matches").get(0)))
          .as("the key's header match, the same in both kinds")
          .isEqualTo(headers(httpRules.get(i).path("matches").get(0)))
          .hasSize(1);
      assertThat(httpRules.get(i).path("backendRefs").get(0).path("port").asInt()).isEqualTo(8081);
    }
    assertThat(headers(rules.get(0).path("matches").get(0)).get(0))
        .startsWith("RegularExpression baggage=")
        .contains("q8w2e4r6t1yu");
    assertThat(headers(rules.get(2).path("matches").get(0)))
        .containsExactly("Exact x-prooflane-key=q8w2e4r6t1yu");
    assertThat(plan.routes())
        .extracting(RouteState::getKind, RouteState::getName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GRPCRoute", "stock-pr-44-9090"),
            org.assertj.core.groups.Tuple.tuple("HTTPRoute", "stock-pr-44-8081"));
    assertValid(plan.writes());
  }

  @Test
  void aServiceWhoseOnlyPortIsNamedGrpcGetsOneGrpcRouteForTheWholeService() {
    ObjectNode service = find(Fixtures.grpcBaseline(), "Service", "stock");
    ArrayNode ports = ((ObjectNode) service.get("spec")).putArray("ports");
    ports.addObject().put("name", "grpc-api").put("port", 9090);
    List<ObjectNode> objects = new ArrayList<>(Fixtures.grpcBaseline());
    objects.removeIf(o -> Manifests.kind(o).equals("Service"));
    objects.add(service);

    Plan plan = PLANNER.plan(sandbox(), KEY, Baselines.of("shop", objects));

    assertThat(ids(routes(plan.writes()))).containsExactly("GRPCRoute/stock-pr-44");
    ObjectNode grpc = find(plan.writes(), "GRPCRoute", "stock-pr-44");
    assertThat(grpc.path("spec").path("parentRefs").get(0).has("port")).isFalse();
    assertThat(grpc.path("spec").path("rules")).hasSize(4);
    assertValid(plan.writes());
  }

  @Test
  void theTeamsGrpcRouteIsCopiedWithItsMethodMatchesAndFiltersAndTheKeyAdded() {
    Plan plan = plan(sandbox(), yaml(TEAM_GRPC_ROUTE));

    assertThat(ids(routes(plan.writes())))
        .containsExactly("GRPCRoute/stock-pr-44-9090", "HTTPRoute/stock-pr-44-8081");
    JsonNode rules =
        find(plan.writes(), "GRPCRoute", "stock-pr-44-9090").path("spec").path("rules");
    assertThat(rules).as("three keyed copies of each rule, no default").hasSize(6);
    JsonNode reserve = rules.get(0);
    JsonNode match = reserve.path("matches").get(0);
    assertThat(match.path("method").path("service").asText()).isEqualTo("shop.Stock");
    assertThat(match.path("method").path("method").asText()).isEqualTo("Reserve");
    assertThat(headers(match)).singleElement().asString().startsWith("RegularExpression baggage=");
    assertThat(reserve.path("filters").get(0).path("type").asText())
        .isEqualTo("RequestHeaderModifier");
    assertThat(reserve.path("backendRefs").get(0).path("name").asText()).isEqualTo("stock-pr-44");
    JsonNode catchAll = rules.get(5).path("matches").get(0);
    assertThat(catchAll.has("method")).isFalse();
    assertThat(headers(catchAll)).containsExactly("Exact x-prooflane-key=q8w2e4r6t1yu");
    for (JsonNode rule : rules) {
      assertThat(rule.path("backendRefs").get(0).path("name").asText()).isEqualTo("stock-pr-44");
    }
    assertThat(
            find(plan.writes(), "HTTPRoute", "stock-pr-44-8081").path("spec").path("rules").size())
        .as("the admin port, which no route is attached to, keeps its default")
        .isEqualTo(4);
    assertValid(plan.writes());
  }

  @Test
  void whereTheTeamsHttpRouteServesTheGrpcPortTheSandboxCopiesItAsAnHttpRoute() {
    // A GRPCRoute on port 9090 would make the mesh ignore the team's HTTPRoute there (GEP-1426).
    Plan plan = plan(sandbox(), yaml(TEAM_HTTP_ROUTE));

    assertThat(ids(routes(plan.writes()))).containsExactly("HTTPRoute/stock-pr-44");
    ObjectNode http = find(plan.writes(), "HTTPRoute", "stock-pr-44");
    assertThat(http.path("spec").path("parentRefs").get(0).has("port")).isFalse();
    JsonNode rules = http.path("spec").path("rules");
    assertThat(rules).hasSize(6);
    assertThat(rules.get(0).path("matches").get(0).path("path").path("value").asText())
        .isEqualTo("/shop.Stock/");
    assertThat(rules.get(0).path("backendRefs").get(0).path("name").asText())
        .isEqualTo("stock-pr-44");
    assertValid(plan.writes());
  }

  @Test
  void theTeamsGrpcRouteWinsOverItsHttpRouteOnThePortTheyShare() {
    Plan plan = plan(sandbox(), yaml(TEAM_HTTP_ROUTE), yaml(TEAM_GRPC_ROUTE));

    assertThat(ids(routes(plan.writes())))
        .containsExactly("GRPCRoute/stock-pr-44-9090", "HTTPRoute/stock-pr-44-8081");
    ObjectNode grpc = find(plan.writes(), "GRPCRoute", "stock-pr-44-9090");
    assertThat(grpc.path("spec").path("rules")).hasSize(6);
    ObjectNode http = find(plan.writes(), "HTTPRoute", "stock-pr-44-8081");
    assertThat(http.path("spec").path("parentRefs").get(0).path("port").asInt()).isEqualTo(8081);
    assertThat(http.path("spec").path("rules"))
        .as("keyed copies of the team's HTTPRoute rules, no default")
        .hasSize(6);
    assertValid(plan.writes());
  }

  @Test
  void anIgnoredGrpcRouteLeavesItsPortAsItIsAndSaysSo() {
    ObjectNode ignored = yaml(TEAM_GRPC_ROUTE);
    ((ObjectNode) ignored.get("metadata")).putObject("annotations").put(Labels.IGNORE, "true");

    Plan plan = plan(sandbox(), ignored);

    assertThat(ids(routes(plan.writes()))).containsExactly("HTTPRoute/stock-pr-44-8081");
    assertThat(plan.notes())
        .containsExactly(
            "GRPCRoute shop/stock-api is attached to Service stock but is annotated"
                + " prooflane.dev/ignore: no route added for it");
  }

  @Test
  void switchingToIstioAndCleanupDeleteExactlyTheSandboxesGrpcAndHttpRoutes() {
    Plan first = plan(sandbox());
    List<ObjectNode> written = routes(first.writes());
    ObjectNode other = find(written, "GRPCRoute", "stock-pr-44-9090").deepCopy();
    ((ObjectNode) other.get("metadata")).put("name", "stock-pr-45-9090");
    ((ObjectNode) other.path("metadata").path("labels")).put(Labels.SANDBOX, "pr-45");
    List<ObjectNode> after = new ArrayList<>(written);
    after.add(other);
    ObjectNode[] cluster = after.toArray(ObjectNode[]::new);

    assertThat(plan(sandbox(), cluster).deletes()).as("planned again: nothing to delete").isEmpty();
    Sandbox istio = sandbox();
    istio.getSpec().getRouting().setProvider(RoutingProvider.ISTIO);
    assertThat(ids(plan(istio, cluster).deletes()))
        .containsExactlyInAnyOrder("GRPCRoute/stock-pr-44-9090", "HTTPRoute/stock-pr-44-8081");
    List<ObjectNode> objects = new ArrayList<>(Fixtures.grpcBaseline());
    objects.addAll(after);
    Plan cleanup = PLANNER.cleanup(sandbox(), Baselines.of("shop", objects));
    assertThat(ids(cleanup.deletes()))
        .containsExactlyInAnyOrder("GRPCRoute/stock-pr-44-9090", "HTTPRoute/stock-pr-44-8081");
  }

  /** The team's GRPCRoute with {@code rules} rules of {@code matches} method matches each. */
  private static ObjectNode teamRouteWith(int rules, int matches) {
    ObjectNode team = yaml(TEAM_GRPC_ROUTE);
    ArrayNode out = (ArrayNode) team.path("spec").path("rules");
    JsonNode template = out.get(0);
    out.removeAll();
    for (int r = 0; r < rules; r++) {
      ObjectNode rule = template.deepCopy();
      ArrayNode methods = rule.putArray("matches");
      for (int m = 0; m < matches; m++) {
        methods
            .addObject()
            .putObject("method")
            .put("service", "shop.Stock")
            .put("method", "M" + r + "_" + m);
      }
      out.add(rule);
    }
    return team;
  }

  @Test
  void copiesOfManyRulesAreSplitOverRoutesOfAtMostSixteenRules() {
    Plan plan = plan(sandbox(), teamRouteWith(7, 1));

    assertThat(find(plan.writes(), "GRPCRoute", "stock-pr-44-9090").path("spec").path("rules"))
        .hasSize(16);
    assertThat(find(plan.writes(), "GRPCRoute", "stock-pr-44-9090-2").path("spec").path("rules"))
        .hasSize(5);
    assertValid(plan.writes());
  }

  @Test
  void copiesOfRulesWithManyMatchesAreSplitOverRoutesOfAtMost128Matches() {
    Plan plan = plan(sandbox(), teamRouteWith(3, 40));

    List<ObjectNode> grpc =
        routes(plan.writes()).stream().filter(r -> Manifests.kind(r).equals("GRPCRoute")).toList();
    assertThat(ids(grpc))
        .containsExactly(
            "GRPCRoute/stock-pr-44-9090",
            "GRPCRoute/stock-pr-44-9090-2",
            "GRPCRoute/stock-pr-44-9090-3");
    int copies = 0;
    for (ObjectNode route : grpc) {
      int matches = 0;
      for (JsonNode rule : route.path("spec").path("rules")) {
        matches += rule.path("matches").size();
        copies++;
      }
      assertThat(matches).as(Manifests.name(route)).isLessThanOrEqualTo(128);
    }
    assertThat(copies).isEqualTo(9);
    assertValid(plan.writes());
  }
}
