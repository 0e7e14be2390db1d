package dev.prooflane.kubernetes.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.RoutingProvider;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.render.KubeRender;
import dev.prooflane.kubernetes.render.Rendered;
import dev.prooflane.kubernetes.support.CrdSchemas;
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.kubernetes.support.MockCluster;
import dev.prooflane.kubernetes.support.RbacRules;
import dev.prooflane.model.KeyNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SandboxOperatorIT {
  private static final String NS = "shop";
  KubernetesMockServer server;
  KubernetesClient client;
  private SandboxOperator operator;
  private Map<String, ObjectNode> before;

  private static final String OPERATOR_AGENT = "prooflane-operator-under-test";
  private KubernetesClient operatorClient;

  @BeforeEach
  void startOperatorOnTheShopBaseline() {
    MockCluster.installCrds(server);
    MockCluster.create(client, MockCluster.baseline());
    before = MockCluster.snapshot(client, NS);
    operatorClient =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(client.getConfiguration()).withUserAgent(OPERATOR_AGENT).build())
            .build();
    // A poll far longer than the tests wait: readiness must come from the Deployment informer.
    operator = SandboxOperator.start(operatorClient, KeyNames.DEFAULT, Duration.ofMinutes(5));
  }

  @AfterEach
  void stopOperatorAndCheckItsCallsAgainstTheRbacRules() throws InterruptedException {
    operator.close();
    operatorClient.close();
    List<RbacRules.Call> calls = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      if (OPERATOR_AGENT.equals(r.getHeader("User-Agent"))) {
        RbacRules.call(r.getMethod(), r.getPath()).ifPresent(calls::add);
      }
    }
    assertThat(calls).isNotEmpty();
    RbacRules rules =
        RbacRules.read(
            Path.of(
                System.getProperty("prooflane.deploy.dir", "../deploy/kubernetes"), "rbac.yaml"));
    assertThat(rules.denied(calls))
        .as("calls deploy/kubernetes/rbac.yaml does not allow")
        .isEmpty();
  }

  private Sandbox create(String file) {
    return client.resource(Fixtures.sandbox(file)).create();
  }

  private Sandbox get(String name) {
    return client.resources(Sandbox.class).inNamespace(NS).withName(name).get();
  }

  private Sandbox awaitPhase(String name, String phase) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              Sandbox s = get(name);
              return s != null && s.getStatus() != null && phase.equals(s.getStatus().getPhase());
            });
    return get(name);
  }

  private void markReady(String deployment) {
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(deployment)
        .editStatus(
            d -> {
              d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatus());
              d.getStatus().setReadyReplicas(1);
              d.getStatus().setReplicas(1);
              return d;
            });
  }

  private GenericKubernetesResource virtualService(String name) {
    return client
        .genericKubernetesResources(MockCluster.VIRTUAL_SERVICES)
        .inNamespace(NS)
        .withName(name)
        .get();
  }

  private static List<String> routeNames(GenericKubernetesResource vs) {
    List<String> names = new ArrayList<>();
    Manifests.toNode(vs).path("spec").path("http").forEach(r -> names.add(r.path("name").asText()));
    return names;
  }

  @Test
  void creatingASandboxYieldsTheForkDeploymentServiceAndRoutesThenReadyOnceItsPodIs() {
    create("sandbox-istio.yaml");

    Sandbox pending = awaitPhase("pr-42", SandboxReconciler.PENDING);
    assertThat(pending.getStatus().getMessage())
        .isEqualTo("waiting for a ready pod of pricing-pr-42");
    assertThat(pending.getStatus().getRoutingKey()).isEqualTo("k7q2m9x4z1ab");
    assertThat(pending.getMetadata().getFinalizers()).isNotEmpty();
    Deployment fork = client.apps().deployments().inNamespace(NS).withName("pricing-pr-42").get();
    assertThat(fork.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(pending.getMetadata().getUid()));
    assertThat(client.services().inNamespace(NS).withName("pricing-pr-42").get()).isNotNull();
    assertThat(routeNames(virtualService("pricing")))
        .containsExactly("admin", "prooflane-pr-42", "api-v1", "prooflane-pr-42:2", "default");
    assertThat(CrdSchemas.problems(Manifests.toNode(virtualService("pricing")))).isEmpty();
    assertThat(pending.getStatus().getRoutes())
        .singleElement()
        .satisfies(
            r -> assertThat(r.getRoutes()).containsExactly("prooflane-pr-42", "prooflane-pr-42:2"));
    assertThat(pending.getStatus().getScheduledDeleteTime())
        .isEqualTo(
            java.time.Instant.parse(pending.getMetadata().getCreationTimestamp())
                .plus(Duration.ofHours(2))
                .toString());

    markReady("pricing-pr-42");

    Sandbox ready = awaitPhase("pr-42", SandboxReconciler.READY);
    assertThat(ready.getStatus().getForks())
        .singleElement()
        .satisfies(f -> assertThat(f.getReadyReplicas()).isEqualTo(1));
    assertThat(ready.getStatus().getConditions())
        .singleElement()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void anExistingVirtualServiceKeepsItsOwnRoutesRewritesAndMatches() {
    create("sandbox-istio.yaml");
    awaitPhase("pr-42", SandboxReconciler.PENDING);

    JsonNode original = before.get("VirtualService/pricing").path("spec").path("http");
    JsonNode now = Manifests.toNode(virtualService("pricing")).path("spec").path("http");
    List<JsonNode> kept = new ArrayList<>();
    now.forEach(
        r -> {
          if (!r.path("name").asText().startsWith("prooflane-")) {
            kept.add(r);
          }
        });
    assertThat(kept).containsExactlyElementsOf(original::elements);
  }

  @Test
  void gatewayApiSandboxAttachesValidHttpRoutesToTheBaselineServices() {
    String vsVersion = virtualService("pricing").getMetadata().getResourceVersion();
    create("sandbox-gateway.yaml");
    Sandbox s = awaitPhase("pr-43", SandboxReconciler.PENDING);

    List<GenericKubernetesResource> routes =
        client
            .genericKubernetesResources(MockCluster.HTTP_ROUTES)
            .inNamespace(NS)
            .withLabel(Labels.SANDBOX, "pr-43")
            .list()
            .getItems();
    assertThat(routes)
        .extracting(r -> r.getMetadata().getName())
        .containsExactlyInAnyOrder("pricing-pr-43", "checkout-pr-43");
    for (GenericKubernetesResource r : routes) {
      assertThat(CrdSchemas.problems(Manifests.toNode(r))).isEmpty();
    }
    assertThat(s.getStatus().getForks()).hasSize(2);
    assertThat(virtualService("pricing").getMetadata().getResourceVersion()).isEqualTo(vsVersion);
  }

  @Test
  void twoSandboxesForkingOneServiceBothRouteInNameOrder() {
    Sandbox second = Fixtures.sandbox("sandbox-istio.yaml");
    second.getMetadata().setName("pr-7");
    second.getSpec().setRoutingKey("second-key");
    client.resource(second).create();
    awaitPhase("pr-7", SandboxReconciler.PENDING);
    create("sandbox-istio.yaml");
    awaitPhase("pr-42", SandboxReconciler.PENDING);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(routeNames(virtualService("pricing")))
                    .containsExactly(
                        "admin",
                        "prooflane-pr-42",
                        "prooflane-pr-7",
                        "api-v1",
                        "prooflane-pr-42:2",
                        "prooflane-pr-7:2",
                        "default"));
    assertThat(CrdSchemas.problems(Manifests.toNode(virtualService("pricing")))).isEmpty();
  }

  @Test
  void everySandboxWritesItsForkDeploymentItsServiceAndOneRoutingObject() {
    for (RoutingProvider provider : List.of(RoutingProvider.ISTIO, RoutingProvider.GATEWAY_API)) {
      for (int i = 0; i < 3; i++) {
        String name = provider.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + i;
        Sandbox sandbox = Fixtures.sandbox("sandbox-istio.yaml");
        sandbox.getMetadata().setName(name);
        sandbox.getSpec().setRoutingKey("key-" + name);
        sandbox.getSpec().getRouting().setProvider(provider);
        long before = operator.writes();

        client.resource(sandbox).create();
        awaitPhase(name, SandboxReconciler.PENDING);

        // The VirtualService updated, or the sandbox's HTTPRoute created: one object either way,
        // however many sandboxes came before.
        assertThat(operator.writes() - before).as("objects written for " + name).isEqualTo(3);
      }
    }
    assertThat(
            client.apps().deployments().inNamespace(NS).withLabel(Labels.SANDBOX).list().getItems())
        .hasSize(6);
  }

  @Test
  void theIgnoreAnnotationIsHonoured() {
    client
        .genericKubernetesResources(MockCluster.VIRTUAL_SERVICES)
        .inNamespace(NS)
        .withName("pricing")
        .edit(
            vs -> {
              vs.getMetadata().setAnnotations(Map.of(Labels.IGNORE, "true"));
              return vs;
            });
    GenericKubernetesResource ignored = virtualService("pricing");

    create("sandbox-istio.yaml");
    Sandbox s = awaitPhase("pr-42", SandboxReconciler.PENDING);

    assertThat(virtualService("pricing")).isEqualTo(ignored);
    assertThat(virtualService("pricing-prooflane")).isNull();
    assertThat(s.getStatus().getMessage())
        .contains("is annotated prooflane.dev/ignore: left as it is");
  }

  @Test
  void deletionRemovesExactlyWhatTheSandboxCreated() {
    client
        .genericKubernetesResources(MockCluster.VIRTUAL_SERVICES)
        .inNamespace(NS)
        .withName("pricing")
        .delete();
    before = MockCluster.snapshot(client, NS);
    create("sandbox-gateway.yaml");
    create("sandbox-istio.yaml");
    awaitPhase("pr-42", SandboxReconciler.PENDING);
    awaitPhase("pr-43", SandboxReconciler.PENDING);
    assertThat(virtualService("pricing-prooflane")).isNotNull();

    client.resources(Sandbox.class).inNamespace(NS).withName("pr-42").delete();
    client.resources(Sandbox.class).inNamespace(NS).withName("pr-43").delete();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(Stream.of(get("pr-42"), get("pr-43")).filter(Objects::nonNull))
                    .as("sandboxes still there")
                    .isEmpty());
    assertThat(MockCluster.snapshot(client, NS)).isEqualTo(before);
  }

  @Test
  void ttlExpiryDeletesTheSandboxAndWhatItCreated() {
    Sandbox shortLived = Fixtures.sandbox("sandbox-istio.yaml");
    shortLived.getSpec().setTtl("2s");
    client.resource(shortLived).create();
    awaitPhase("pr-42", SandboxReconciler.PENDING);
    assertThat(MockCluster.snapshot(client, NS)).isNotEqualTo(before);

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get("pr-42")).isNull());
    assertThat(MockCluster.snapshot(client, NS)).isEqualTo(before);
  }

  @Test
  void aMissingBaselineDeploymentGivesAClearStatusMessage() {
    Sandbox typo = Fixtures.sandbox("sandbox-istio.yaml");
    typo.getSpec().getForks().get(0).getOf().setName("pricng");
    client.resource(typo).create();

    Sandbox failed = awaitPhase("pr-42", SandboxReconciler.FAILED);

    assertThat(failed.getStatus().getMessage())
        .isEqualTo(
            "baseline Deployment shop/pricng not found: create it or fix spec.forks[0].of.name");
    assertThat(MockCluster.snapshot(client, NS)).isEqualTo(before);
  }

  @Test
  void kubeRenderOutputEqualsWhatTheOperatorApplies() {
    Sandbox created = create("sandbox-istio.yaml");
    awaitPhase("pr-42", SandboxReconciler.PENDING);
    Sandbox gw = create("sandbox-gateway.yaml");
    awaitPhase("pr-43", SandboxReconciler.PENDING);

    List<ObjectNode> baseline = MockCluster.baseline();
    for (Sandbox sandbox : List.of(created, gw)) {
      Rendered rendered = KubeRender.of(KeyNames.DEFAULT).render(sandbox, baseline);
      assertThat(rendered.plan().writes()).isNotEmpty();
      Map<String, ObjectNode> cluster = MockCluster.snapshot(client, NS);
      for (ObjectNode object : rendered.plan().writes()) {
        String id = Manifests.kind(object) + "/" + Manifests.name(object);
        ObjectNode applied = cluster.get(id);
        assertThat(applied).as(id).isNotNull();
        if (Manifests.kind(object).equals("VirtualService")) {
          continue;
        }
        assertThat(applied).as(id).isEqualTo(MockCluster.normalize(object));
      }
    }
    // Each sandbox's render of the shared VirtualService is from the baseline alone: its routes
    // are exactly the cluster's less the other sandbox's (pr-43 uses gateway-api: none).
    ObjectNode vs =
        KubeRender.of(KeyNames.DEFAULT).render(created, baseline).plan().writes().stream()
            .filter(o -> Manifests.kind(o).equals("VirtualService"))
            .findFirst()
            .orElseThrow();
    assertThat(MockCluster.snapshot(client, NS).get("VirtualService/pricing"))
        .isEqualTo(MockCluster.normalize(vs));
  }

  @Test
  void aSpecChangeUpdatesTheForkAndSwitchingProviderMovesTheRoutes() {
    create("sandbox-istio.yaml");
    awaitPhase("pr-42", SandboxReconciler.PENDING);

    client
        .resources(Sandbox.class)
        .inNamespace(NS)
        .withName("pr-42")
        .edit(
            s -> {
              s.getSpec()
                  .getForks()
                  .get(0)
                  .getCustomizations()
                  .getImages()
                  .get(0)
                  .setImage("registry.example/shop/pricing:pr-42-b");
              s.getSpec().getRouting().setProvider(RoutingProvider.GATEWAY_API);
              return s;
            });

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              Deployment fork =
                  client.apps().deployments().inNamespace(NS).withName("pricing-pr-42").get();
              assertThat(fork.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .isEqualTo("registry.example/shop/pricing:pr-42-b");
              assertThat(routeNames(virtualService("pricing")))
                  .containsExactly("admin", "api-v1", "default");
              assertThat(
                      client
                          .genericKubernetesResources(MockCluster.HTTP_ROUTES)
                          .inNamespace(NS)
                          .withName("pricing-pr-42")
                          .get())
                  .isNotNull();
            });
    assertThat(MockCluster.snapshot(client, NS).get("VirtualService/pricing"))
        .isEqualTo(before.get("VirtualService/pricing"));
  }

  private List<ObjectNode> routesOf(ResourceDefinitionContext kind, String sandbox) {
    return client
        .genericKubernetesResources(kind)
        .inNamespace(NS)
        .withLabel(Labels.SANDBOX, sandbox)
        .list()
        .getItems()
        .stream()
        .map(Manifests::toNode)
        .toList();
  }

  @Test
  void aGrpcServicesSandboxGetsValidGrpcRoutesUpdatedOnARouteChangeAndDeletedWithIt() {
    MockCluster.create(client, Fixtures.grpcBaseline());
    before = MockCluster.snapshot(client, NS);
    Sandbox created = create("sandbox-grpc.yaml");
    Sandbox pending = awaitPhase("pr-44", SandboxReconciler.PENDING);

    List<ObjectNode> grpc = routesOf(MockCluster.GRPC_ROUTES, "pr-44");
    assertThat(grpc).extracting(Manifests::name).containsExactly("stock-pr-44-9090");
    assertThat(routesOf(MockCluster.HTTP_ROUTES, "pr-44"))
        .extracting(Manifests::name)
        .containsExactly("stock-pr-44-8081");
    assertThat(CrdSchemas.problems(grpc.get(0))).isEmpty();
    assertThat(grpc.get(0).path("metadata").path("ownerReferences").get(0).path("uid").asText())
        .isEqualTo(pending.getMetadata().getUid());
    assertThat(pending.getStatus().getRoutes())
        .extracting(r -> r.getKind() + "/" + r.getName())
        .containsExactly("GRPCRoute/stock-pr-44-9090", "HTTPRoute/stock-pr-44-8081");
    List<ObjectNode> baseline = new ArrayList<>(MockCluster.baseline());
    baseline.addAll(Fixtures.grpcBaseline());
    Map<String, ObjectNode> cluster = MockCluster.snapshot(client, NS);
    for (ObjectNode object :
        KubeRender.of(KeyNames.DEFAULT).render(created, baseline).plan().writes()) {
      String id = Manifests.kind(object) + "/" + Manifests.name(object);
      assertThat(cluster.get(id)).as(id).isEqualTo(MockCluster.normalize(object));
    }

    client
        .resources(Sandbox.class)
        .inNamespace(NS)
        .withName("pr-44")
        .edit(
            s -> {
              s.getSpec().setRoutingKey("r5t7y9u1i3op");
              return s;
            });

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              ObjectNode route = routesOf(MockCluster.GRPC_ROUTES, "pr-44").get(0);
              assertThat(
                      route
                          .path("spec")
                          .path("rules")
                          .get(2)
                          .path("matches")
                          .get(0)
                          .path("headers")
                          .get(0)
                          .path("value")
                          .asText())
                  .isEqualTo("r5t7y9u1i3op");
              assertThat(CrdSchemas.problems(route)).isEmpty();
            });

    client.resources(Sandbox.class).inNamespace(NS).withName("pr-44").delete();

    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get("pr-44")).isNull());
    assertThat(MockCluster.snapshot(client, NS)).isEqualTo(before);
  }
}
