package dev.prooflane.kubernetes.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.runtime.LogEntry;
import dev.prooflane.actions.runtime.SandboxInfo;
import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxStatus;
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.kubernetes.support.MockCluster;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.NotFoundException;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime interface over the mock API server. CRUD mode serves Services, Pods and Sandboxes; it
 * does not serve {@code pods/log}, so the log endpoint of each pod is an expectation.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRuntimeTest {
  KubernetesMockServer server;
  KubernetesClient client;
  KubernetesRuntime runtime;

  @BeforeEach
  void aBaselineAForkAndTheirPods() {
    MockCluster.create(
        client,
        MockCluster.baseline().stream()
            .filter(o -> o.path("kind").asText().equals("Service"))
            .toList());
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("pricing-pr-42")
                .withNamespace("shop")
                .addToLabels("prooflane.dev/sandbox", "pr-42")
                .endMetadata()
                .withNewSpec()
                .addToSelector(
                    Map.of("prooflane.dev/sandbox", "pr-42", "prooflane.dev/fork-of", "pricing"))
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
    pod("pricing-abc", Map.of("app", "pricing"));
    pod(
        "pricing-pr-42-xyz",
        Map.of(
            "prooflane.dev/sandbox",
            "pr-42",
            "prooflane.dev/fork-of",
            "pricing",
            "app",
            "pricing-pr-42"));
    runtime = new KubernetesRuntime(client, "shop", KeyNames.DEFAULT);
  }

  private void pod(String name, Map<String, String> labels) {
    client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("pricing")
                .withImage("x")
                .endContainer()
                .addNewContainer()
                .withName("istio-proxy")
                .withImage("proxy")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private void logs(String pod, Instant since, String body) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/shop/pods/"
                + pod
                + "/log?pretty=false&container=pricing&sinceTime="
                + since.truncatedTo(ChronoUnit.SECONDS)
                + "&timestamps=true")
        .andReturn(200, body)
        .always();
  }

  @Test
  void readsTheForkPodsLinesAfterTheCursorAndNotTheBaselines() {
    Instant cursor = Instant.parse("2026-11-26T20:00:00.500Z");
    logs(
        "pricing-pr-42-xyz",
        cursor,
        "2026-11-26T20:00:00.100000000Z before the cursor\n"
            + "2026-11-26T20:00:01.000001000Z discount applied: 10%\n"
            + "2026-11-26T20:00:02.000000000Z served GET /prices\n");
    logs("pricing-abc", cursor, "2026-11-26T20:00:01.500000000Z baseline line\n");
    long micros = ChronoUnit.MICROS.between(Instant.EPOCH, cursor);

    List<LogEntry> fork = runtime.logsSince("pricing", Optional.of("pr-42"), micros);
    List<LogEntry> baseline = runtime.logsSince("pricing", Optional.empty(), micros);

    assertThat(fork)
        .extracting(LogEntry::text)
        .containsExactly("discount applied: 10%", "served GET /prices");
    assertThat(fork.get(0).time()).isEqualTo(Instant.parse("2026-11-26T20:00:01.000001Z"));
    assertThat(fork.get(0).seq()).isGreaterThan(micros);
    assertThat(baseline).extracting(LogEntry::text).containsExactly("baseline line");
  }

  @Test
  void aServiceTheSandboxDoesNotForkIsNotFound() {
    assertThatThrownBy(() -> runtime.logCursor("checkout", Optional.of("pr-42")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("sandbox pr-42 does not fork it");
  }

  @Test
  void describesServicesAndSandboxesFromTheCluster() {
    Sandbox s = Fixtures.sandbox("sandbox-istio.yaml");
    SandboxStatus status = new SandboxStatus();
    status.setPhase("Ready");
    status.setRoutingKey("k7q2m9x4z1ab");
    status.setForks(
        List.of(new ForkState("pricing", "pricing-pr-42", List.of("pricing-pr-42"), 1)));
    s.setStatus(status);
    client.resource(s).create();

    assertThat(runtime.services()).containsExactly("checkout", "pricing");
    assertThat(runtime.serviceUri("pricing"))
        .isEqualTo(URI.create("http://pricing.shop.svc.cluster.local:80"));
    SandboxInfo info = runtime.sandbox("pr-42").orElseThrow();
    assertThat(info.key().value()).isEqualTo("k7q2m9x4z1ab");
    assertThat(info.forkedServices()).containsExactly("pricing");
    assertThat(info.phase()).isEqualTo("READY");
    assertThat(runtime.sandbox("nope")).isEmpty();
  }
}
