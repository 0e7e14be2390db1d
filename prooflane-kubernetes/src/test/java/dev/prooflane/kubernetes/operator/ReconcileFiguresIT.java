package dev.prooflane.kubernetes.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prooflane.kubernetes.crd.RoutingProvider;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.kubernetes.support.MockCluster;
import dev.prooflane.model.KeyNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The figures of the issue, measured against the mock API server: the time from creating a Sandbox
 * to its routes being written, and how many objects the operator writes per sandbox. Prints them
 * (see bench/kubernetes.sh) and checks the counts.
 */
@EnableKubernetesMockClient(crud = true)
class ReconcileFiguresIT {
  private static final int SANDBOXES = 20;
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void measuresCreationToRoutesWrittenAndObjectsWrittenPerSandbox() {
    MockCluster.installCrds(server);
    MockCluster.create(client, MockCluster.baseline());
    try (SandboxOperator operator =
        SandboxOperator.start(client, KeyNames.DEFAULT, Duration.ofSeconds(30))) {
      report(operator, RoutingProvider.ISTIO, name -> routedByIstio(name));
      report(operator, RoutingProvider.GATEWAY_API, name -> routedByGatewayApi(name));
    }
  }

  private boolean routedByIstio(String sandbox) {
    var vs =
        client
            .genericKubernetesResources(MockCluster.VIRTUAL_SERVICES)
            .inNamespace("shop")
            .withName("pricing")
            .get();
    for (var route : Manifests.toNode(vs).path("spec").path("http")) {
      if (route.path("name").asText().equals("prooflane-" + sandbox)) {
        return true;
      }
    }
    return false;
  }

  private boolean routedByGatewayApi(String sandbox) {
    return client
            .genericKubernetesResources(MockCluster.HTTP_ROUTES)
            .inNamespace("shop")
            .withName("pricing-" + sandbox)
            .get()
        != null;
  }

  private void report(
      SandboxOperator operator, RoutingProvider provider, Predicate<String> routed) {
    List<Long> millis = new ArrayList<>();
    List<Long> writes = new ArrayList<>();
    for (int i = 0; i < SANDBOXES; i++) {
      String name = provider.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + i;
      Sandbox sandbox = Fixtures.sandbox("sandbox-istio.yaml");
      sandbox.getMetadata().setName(name);
      sandbox.getSpec().setRoutingKey("key-" + name);
      sandbox.getSpec().getRouting().setProvider(provider);
      long before = operator.writes();
      long start = System.nanoTime();
      client.resource(sandbox).create();
      await()
          .pollInterval(Duration.ofMillis(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> routed.test(name));
      millis.add((System.nanoTime() - start) / 1_000_000);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                Sandbox s =
                    client.resources(Sandbox.class).inNamespace("shop").withName(name).get();
                return s.getStatus() != null && "Pending".equals(s.getStatus().getPhase());
              });
      writes.add(operator.writes() - before);
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(
        "FIGURE kubernetes %s: creation to routes written, median %d ms, p90 %d ms, max %d ms over"
            + " %d sandboxes (mock API server); objects written per sandbox: %s%n",
        provider == RoutingProvider.ISTIO ? "istio" : "gateway-api",
        sorted.get(sorted.size() / 2),
        sorted.get(sorted.size() * 9 / 10),
        sorted.get(sorted.size() - 1),
        SANDBOXES,
        writes.stream().distinct().toList());
    // A fork Deployment, a fork Service and one routing object (the VirtualService updated, or
    // the sandbox's HTTPRoute created), every time.
    assertThat(writes).containsOnly(3L);
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace("shop")
                .withLabel(Labels.SANDBOX)
                .list()
                .getItems())
        .hasSizeGreaterThanOrEqualTo(SANDBOXES);
  }
}
