package dev.prooflane.kubernetes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Baseline;
import dev.prooflane.kubernetes.meta.Baselines;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.meta.PlanException;
import dev.prooflane.kubernetes.support.CrdSchemas;
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Planner PLANNER = Planner.of(KeyNames.DEFAULT);
  private static final RoutingKey KEY = new RoutingKey("k7q2m9x4z1ab");

  private static Baseline baseline() {
    return Baselines.of("shop", Fixtures.baseline());
  }

  /** {@code base} with these VirtualServices and Gateway API routes instead of its own. */
  private static Baseline withRoutes(
      Baseline base, List<ObjectNode> virtualServices, List<ObjectNode> gatewayRoutes) {
    return new Baseline(
        base.namespace(),
        base.deployments(),
        base.services(),
        virtualServices,
        gatewayRoutes.stream().filter(r -> Manifests.kind(r).equals("HTTPRoute")).toList(),
        gatewayRoutes.stream().filter(r -> Manifests.kind(r).equals("GRPCRoute")).toList());
  }

  private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> Manifests.kind(o).equals(kind) && Manifests.name(o).equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + objects));
  }

  private static List<String> routeNames(JsonNode vs) {
    List<String> names = new ArrayList<>();
    vs.path("spec").path("http").forEach(r -> names.add(r.path("name").asText()));
    return names;
  }

  @Test
  void forkCopiesTheBaselineDeploymentWithTheCustomizationsAndTheSandboxEnvironment() {
    Plan plan = PLANNER.plan(Fixtures.sandbox("sandbox-istio.yaml"), KEY, baseline());

    Deployment fork =
        Manifests.toObject(find(plan.writes(), "Deployment", "pricing-pr-42"), Deployment.class);
    assertThat(fork.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(fork.getSpec().getReplicas()).isEqualTo(1);
    Container pricing = fork.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(pricing.getImage()).isEqualTo("registry.example/shop/pricing:pr-42");
    Map<String, String> env =
        pricing.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    assertThat(env)
        .containsEntry("DISCOUNT", "10")
        .containsEntry("PROOFLANE_SANDBOX", "pr-42")
        .containsEntry("PROOFLANE_ROUTING_KEY", "k7q2m9x4z1ab")
        .doesNotContainKey("LEGACY_MODE");
    Container metrics = fork.getSpec().getTemplate().getSpec().getContainers().get(1);
    assertThat(metrics.getImage()).isEqualTo("registry.example/shop/metrics-agent:2.1");
    assertThat(metrics.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("PROOFLANE_SANDBOX", "PROOFLANE_ROUTING_KEY");
    assertThat(fork.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("sidecar.istio.io/inject", "true");
    assertThat(fork.getMetadata().getLabels())
        .containsEntry(Labels.MANAGED_BY, "prooflane")
        .containsEntry(Labels.SANDBOX, "pr-42");
  }

  @Test
  void noBaselineServiceSelectsTheForkPods() {
    Baseline base = baseline();
    Plan plan = PLANNER.plan(Fixtures.sandbox("sandbox-istio.yaml"), KEY, base);

    Deployment fork =
        Manifests.toObject(find(plan.writes(), "Deployment", "pricing-pr-42"), Deployment.class);
    Map<String, String> podLabels = fork.getSpec().getTemplate().getMetadata().getLabels();
    for (Service s : base.services()) {
      assertThat(Manifests.selects(s.getSpec().getSelector(), podLabels))
          .as("Service %s selects fork pods %s", s.getMetadata().getName(), podLabels)
          .isFalse();
    }
    assertThat(podLabels).containsEntry("app", "pricing-pr-42").containsEntry("version", "v1");
    assertThat(Manifests.selects(fork.getSpec().getSelector().getMatchLabels(), podLabels))
        .isTrue();
    Service forkService =
        Manifests.toObject(find(plan.writes(), "Service", "pricing-pr-42"), Service.class);
    assertThat(forkService.getSpec().getSelector())
        .isEqualTo(fork.getSpec().getSelector().getMatchLabels());
    assertThat(forkService.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
  }

  @Test
  void ownerReferencesPointAtTheSandboxOnceItHasAUid() {
    Sandbox sandbox = Fixtures.sandbox("sandbox-istio.yaml");
    assertThat(
            find(PLANNER.plan(sandbox, KEY, baseline()).writes(), "Deployment", "pricing-pr-42")
                .path("metadata")
                .has("ownerReferences"))
        .isFalse();

    sandbox.getMetadata().setUid("0b7e8a52-5c1f-4a9e-9d61-3d2f0c8c1a11");
    JsonNode owner =
        find(PLANNER.plan(sandbox, KEY, baseline()).writes(), "Service", "pricing-pr-42")
            .path("metadata")
            .path("ownerReferences")
            .get(0);
    assertThat(owner.path("kind").asText()).isEqualTo("Sandbox");
    assertThat(owner.path("uid").asText()).isEqualTo("0b7e8a52-5c1f-4a9e-9d61-3d2f0c8c1a11");
    assertThat(owner.path("controller").asBoolean()).isTrue();
  }

  @Test
  void istioKeepsTheTeamsRoutesAndAddsKeyedCopiesJustBeforeEachRouteToTheService() {
    Baseline base = baseline();
    JsonNode before = base.virtualServices().get(0);
    Plan plan = PLANNER.plan(Fixtures.sandbox("sandbox-istio.yaml"), KEY, base);

    ObjectNode vs = find(plan.writes(), "VirtualService", "pricing");
    assertThat(routeNames(vs))
        .containsExactly("admin", "prooflane-pr-42", "api-v1", "prooflane-pr-42:2", "default");
    for (String name : List.of("admin", "api-v1", "default")) {
      assertThat(route(vs, name)).isEqualTo(route(before, name));
    }
    JsonNode api = route(vs, "prooflane-pr-42");
    assertThat(api.path("rewrite").path("uri").asText()).isEqualTo("/v2");
    assertThat(api.path("timeout").asText()).isEqualTo("3s");
    assertThat(api.path("route").get(0).path("destination").path("host").asText())
        .isEqualTo("pricing-pr-42.shop.svc.cluster.local");
    assertThat(api.path("route").get(0).path("destination").path("port").path("number").asInt())
        .isEqualTo(80);
    assertThat(api.path("match")).hasSize(3);
    for (JsonNode m : api.path("match")) {
      assertThat(m.path("uri").path("prefix").asText()).isEqualTo("/api/v1");
    }
    assertThat(
            api.path("match").get(2).path("headers").path("x-prooflane-key").path("exact").asText())
        .isEqualTo("k7q2m9x4z1ab");
    JsonNode fallback = route(vs, "prooflane-pr-42:2");
    assertThat(fallback.path("retries").path("attempts").asInt()).isEqualTo(2);
    assertThat(plan.routes()).hasSize(1);
    assertThat(plan.routes().get(0).getRoutes())
        .containsExactly("prooflane-pr-42", "prooflane-pr-42:2");
    assertThat(CrdSchemas.problems(vs)).isEmpty();
  }

  @Test
  void twoSandboxesForkingOneServiceBothRouteInNameOrderWhicheverCameFirst() {
    Baseline base = baseline();
    Sandbox a = Fixtures.sandbox("sandbox-istio.yaml");
    Sandbox b = Fixtures.sandbox("sandbox-istio.yaml");
    b.getMetadata().setName("pr-7");

    List<String> bThenA = routeNames(applyBoth(base, b, a));
    List<String> aThenB = routeNames(applyBoth(base, a, b));

    assertThat(aThenB).isEqualTo(bThenA);
    assertThat(aThenB)
        .containsExactly(
            "admin",
            "prooflane-pr-42",
            "prooflane-pr-7",
            "api-v1",
            "prooflane-pr-42:2",
            "prooflane-pr-7:2",
            "default");
  }

  private static ObjectNode applyBoth(Baseline base, Sandbox first, Sandbox second) {
    ObjectNode vs = find(PLANNER.plan(first, KEY, base).writes(), "VirtualService", "pricing");
    Baseline after = withRoutes(base, List.of(vs), List.of());
    ObjectNode both =
        find(
            PLANNER.plan(second, new RoutingKey("other"), after).writes(),
            "VirtualService",
            "pricing");
    assertThat(CrdSchemas.problems(both)).isEmpty();
    return both;
  }

  @Test
  void cleanupRemovesExactlyTheSandboxRoutes() {
    Baseline base = baseline();
    Sandbox a = Fixtures.sandbox("sandbox-istio.yaml");
    Sandbox b = Fixtures.sandbox("sandbox-istio.yaml");
    b.getMetadata().setName("pr-7");
    ObjectNode both = applyBoth(base, a, b);
    Baseline withBoth = withRoutes(base, List.of(both), List.of());

    Plan cleanup = PLANNER.cleanup(a, withBoth);

    ObjectNode vs = find(cleanup.writes(), "VirtualService", "pricing");
    assertThat(routeNames(vs))
        .containsExactly("admin", "prooflane-pr-7", "api-v1", "prooflane-pr-7:2", "default");
    Plan last = PLANNER.cleanup(b, withRoutes(base, List.of(vs), List.of()));
    assertThat(find(last.writes(), "VirtualService", "pricing"))
        .isEqualTo(base.virtualServices().get(0));
  }

  @Test
  void createsAVirtualServiceOfItsOwnWhenNoneRoutesTheService() {
    Baseline base = baseline();
    Baseline noVs = withRoutes(base, List.of(), List.of());
    Plan plan = PLANNER.plan(Fixtures.sandbox("sandbox-istio.yaml"), KEY, noVs);

    ObjectNode vs = find(plan.writes(), "VirtualService", "pricing-prooflane");
    assertThat(Manifests.label(vs, Labels.MANAGED_BY)).isEqualTo("prooflane");
    assertThat(routeNames(vs)).containsExactly("prooflane-pr-42", "baseline");
    assertThat(CrdSchemas.problems(vs)).isEmpty();

    Baseline withOurs = withRoutes(base, List.of(vs), List.of());
    Plan cleanup = PLANNER.cleanup(Fixtures.sandbox("sandbox-istio.yaml"), withOurs);
    assertThat(cleanup.writes()).isEmpty();
    assertThat(cleanup.deletes()).extracting(Manifests::name).containsExactly("pricing-prooflane");
  }

  @Test
  void leavesIgnoredVirtualServicesAsTheyAreAndSaysSo() {
    Baseline base = baseline();
    ObjectNode ignored = base.virtualServices().get(0).deepCopy();
    ((ObjectNode) ignored.get("metadata")).putObject("annotations").put(Labels.IGNORE, "true");
    Baseline withIgnored = withRoutes(base, List.of(ignored), List.of());

    Plan plan = PLANNER.plan(Fixtures.sandbox("sandbox-istio.yaml"), KEY, withIgnored);

    assertThat(plan.writes()).extracting(Manifests::kind).doesNotContain("VirtualService");
    assertThat(plan.notes()).singleElement().asString().contains("prooflane.dev/ignore");
  }

  @Test
  void gatewayApiAttachesRoutesToTheBaselineServiceWithKeyedRulesAndADefault() {
    Plan plan = PLANNER.plan(Fixtures.sandbox("sandbox-gateway.yaml"), KEY, baseline());

    ObjectNode pricing = find(plan.writes(), "HTTPRoute", "pricing-pr-43");
    JsonNode parent = pricing.path("spec").path("parentRefs").get(0);
    assertThat(parent.path("group").asText()).isEmpty();
    assertThat(parent.path("kind").asText()).isEqualTo("Service");
    assertThat(parent.path("name").asText()).isEqualTo("pricing");
    JsonNode rules = pricing.path("spec").path("rules");
    assertThat(rules).hasSize(4);
    assertThat(rules.get(0).path("matches").get(0).path("headers").get(0).path("name").asText())
        .isEqualTo("baggage");
    assertThat(rules.get(0).path("backendRefs").get(0).path("name").asText())
        .isEqualTo("pricing-pr-43");
    assertThat(rules.get(3).path("matches").get(0).has("headers")).isFalse();
    assertThat(rules.get(3).path("backendRefs").get(0).path("name").asText()).isEqualTo("pricing");
    assertThat(CrdSchemas.problems(pricing)).isEmpty();

    ObjectNode checkout = find(plan.writes(), "HTTPRoute", "checkout-pr-43");
    JsonNode copied = checkout.path("spec").path("rules");
    assertThat(copied).hasSize(6);
    JsonNode cart = copied.get(0);
    assertThat(cart.path("matches").get(0).path("path").path("value").asText()).isEqualTo("/cart");
    assertThat(
            cart.path("filters")
                .get(0)
                .path("urlRewrite")
                .path("path")
                .path("replacePrefixMatch")
                .asText())
        .isEqualTo("/v2/cart");
    assertThat(cart.path("backendRefs").get(0).path("name").asText()).isEqualTo("checkout-pr-43");
    assertThat(CrdSchemas.problems(checkout)).isEmpty();
    assertThat(plan.writes()).extracting(Manifests::kind).doesNotContain("VirtualService");
  }

  @Test
  void gatewayApiSplitsRulesOverRoutesOfAtMostSixteen() {
    Baseline base = baseline();
    ObjectNode big = base.httpRoutes().get(0).deepCopy();
    com.fasterxml.jackson.databind.node.ArrayNode rules =
        (com.fasterxml.jackson.databind.node.ArrayNode) big.path("spec").path("rules");
    JsonNode template = rules.get(1);
    rules.removeAll();
    for (int i = 0; i < 7; i++) {
      ObjectNode r = template.deepCopy();
      r.putArray("matches")
          .addObject()
          .putObject("path")
          .put("type", "PathPrefix")
          .put("value", "/p" + i);
      rules.add(r);
    }
    Baseline withBig = withRoutes(base, List.of(), List.of(big));

    Plan plan = PLANNER.plan(Fixtures.sandbox("sandbox-gateway.yaml"), KEY, withBig);

    ObjectNode first = find(plan.writes(), "HTTPRoute", "checkout-pr-43");
    ObjectNode second = find(plan.writes(), "HTTPRoute", "checkout-pr-43-2");
    assertThat(first.path("spec").path("rules")).hasSize(16);
    assertThat(second.path("spec").path("rules")).hasSize(5);
    assertThat(CrdSchemas.problems(first)).isEmpty();
    assertThat(CrdSchemas.problems(second)).isEmpty();
  }

  @Test
  void aMissingBaselineDeploymentNamesTheFieldToFix() {
    Sandbox sandbox = Fixtures.sandbox("sandbox-istio.yaml");
    sandbox.getSpec().getForks().get(0).getOf().setName("pricng");

    assertThatThrownBy(() -> PLANNER.plan(sandbox, KEY, baseline()))
        .isInstanceOf(PlanException.class)
        .hasMessage(
            "baseline Deployment shop/pricng not found: create it or fix spec.forks[0].of.name");
  }

  @Test
  void anUnknownContainerInACustomizationListsTheContainers() {
    Sandbox sandbox = Fixtures.sandbox("sandbox-istio.yaml");
    sandbox.getSpec().getForks().get(0).getCustomizations().getImages().get(0).setContainer("web");

    assertThatThrownBy(() -> PLANNER.plan(sandbox, KEY, baseline()))
        .isInstanceOf(PlanException.class)
        .hasMessage(
            "spec.forks[0].customizations.images[0].container: web (expected: one of pricing,"
                + " metrics)");
  }

  private static JsonNode route(JsonNode vs, String name) {
    for (JsonNode r : vs.path("spec").path("http")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no route " + name);
  }
}
