package dev.prooflane.kubernetes.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.kubernetes.support.ForkFixture;
import dev.prooflane.kubernetes.support.MockCluster;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.SandboxInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
    ForkFixture.forkService(client);
    ForkFixture.pod(client, "pricing-abc", Map.of("app", "pricing"), "pricing", "istio-proxy");
    Map<String, String> forkPod = new java.util.HashMap<>(ForkFixture.FORK_PODS);
    forkPod.put("app", "pricing-pr-42");
    ForkFixture.pod(client, "pricing-pr-42-xyz", forkPod, "pricing", "istio-proxy");
    runtime = new KubernetesRuntime(client, "shop", KeyNames.DEFAULT);
  }

  @Test
  void readsTheForkPodsLinesAfterTheCursorAndNotTheBaselines() {
    Instant cursor = Instant.parse("2026-11-26T20:00:00.500Z");
    ForkFixture.logs(
        server,
        "pricing-pr-42-xyz",
        cursor,
        "2026-11-26T20:00:00.100000000Z before the cursor\n"
            + "2026-11-26T20:00:01.000001000Z discount applied: 10%\n"
            + "2026-11-26T20:00:02.000000000Z served GET /prices\n");
    ForkFixture.logs(
        server, "pricing-abc", cursor, "2026-11-26T20:00:01.500000000Z baseline line\n");
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

  /**
   * One request per container read, nothing else. The client's {@code getLog()} also started an
   * informer on the pod on every read, and stopped it at once: on a busy machine its WATCH opened
   * and closed again, and the mock API server (fabric8 7.9.0) then blocked its only event loop for
   * up to 30 s, so every later request timed out.
   */
  @Test
  void readsLogsWithTheLogRequestsAloneAndNoInformerOnThePod() throws Exception {
    Instant cursor = Instant.parse("2026-11-26T20:00:00.500Z");
    ForkFixture.logs(server, "pricing-pr-42-xyz", cursor, "");
    takeRequests(); // the set-up's

    runtime.logsSince(
        "pricing", Optional.of("pr-42"), ChronoUnit.MICROS.between(Instant.EPOCH, cursor));

    assertThat(takeRequests())
        .satisfiesExactly(
            get -> assertThat(get).isEqualTo("/api/v1/namespaces/shop/services/pricing-pr-42"),
            list -> assertThat(list).startsWith("/api/v1/namespaces/shop/pods?labelSelector="),
            log ->
                assertThat(log)
                    .isEqualTo(
                        "/api/v1/namespaces/shop/pods/pricing-pr-42-xyz/log?container=pricing"
                            + "&sinceTime=2026-11-26T20:00:00Z&timestamps=true"));
  }

  /** The paths of the requests the server answered since the last call. */
  private List<String> takeRequests() throws InterruptedException {
    List<String> paths = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(1, TimeUnit.MILLISECONDS);
        r != null;
        r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
      paths.add(r.getPath());
    }
    return paths;
  }

  @Test
  void aServiceTheSandboxDoesNotForkIsNotFound() {
    assertThatThrownBy(() -> runtime.logCursor("checkout", Optional.of("pr-42")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("sandbox pr-42 does not fork it");
  }

  @Test
  void describesServicesAndSandboxesFromTheCluster() {
    client.resource(ForkFixture.ready(Fixtures.sandbox("sandbox-istio.yaml"))).create();

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
