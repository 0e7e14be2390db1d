package dev.prooflane.kubernetes.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.EngineOptions;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.skill.SkillReader;
import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxStatus;
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.kubernetes.support.MockCluster;
import dev.prooflane.model.KeyNames;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code logs} action of a skill, run by the real engine against a Kubernetes sandbox: the
 * engine sees the cluster only through {@link KubernetesRuntime}, as it sees the local runtime
 * through its own implementation of the same interface.
 */
@EnableKubernetesMockClient(crud = true)
class LogsActionOnKubernetesTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void aSkillAssertsOnTheForkPodsLogsThroughTheKubernetesApi() {
    MockCluster.create(
        client,
        MockCluster.baseline().stream()
            .filter(o -> o.path("kind").asText().equals("Service"))
            .toList());
    Map<String, String> forkPods =
        Map.of("prooflane.dev/sandbox", "pr-42", "prooflane.dev/fork-of", "pricing");
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("pricing-pr-42")
                .withNamespace("shop")
                .addToLabels("prooflane.dev/sandbox", "pr-42")
                .endMetadata()
                .withNewSpec()
                .addToSelector(forkPods)
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
    client
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("pricing-pr-42-xyz")
                .withNamespace("shop")
                .withLabels(forkPods)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("pricing")
                .withImage("registry.example/shop/pricing:pr-42")
                .endContainer()
                .endSpec()
                .build())
        .create();
    Sandbox sandbox = Fixtures.sandbox("sandbox-istio.yaml");
    SandboxStatus status = new SandboxStatus();
    status.setPhase("Ready");
    status.setRoutingKey("k7q2m9x4z1ab");
    status.setForks(
        List.of(new ForkState("pricing", "pricing-pr-42", List.of("pricing-pr-42"), 1)));
    sandbox.setStatus(status);
    client.resource(sandbox).create();

    // the run asks for the lines since it started; whatever second that is, the pod answers
    Instant now = Instant.now();
    String written = now.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).plusMillis(500).toString();
    for (int s = -2; s <= 30; s++) {
      server
          .expect()
          .get()
          .withPath(
              "/api/v1/namespaces/shop/pods/pricing-pr-42-xyz/log?pretty=false&container=pricing"
                  + "&sinceTime="
                  + now.plusSeconds(s).truncatedTo(ChronoUnit.SECONDS)
                  + "&timestamps=true")
          .andReturn(200, written + " discount applied: 10% for sku-1\n")
          .always();
    }
    Skill skill =
        SkillReader.parse(
            Path.of("inline", "fork-logs.yaml"),
            """
            name: fork-logs
            description: the fork logged its discount
            whenToUse: after a pricing change
            steps:
              - id: discount_logged
                action: logs
                with: {service: pricing, contains: "discount applied", notContains: ERROR}
            """,
            "sha256:test",
            ActionCatalog.builtIn().names());

    RunResult result;
    try (SkillEngine engine =
        new SkillEngine(
            ActionCatalog.builtIn(),
            SkillCatalog.of(List.of(skill)),
            new KubernetesRuntime(client, "shop", KeyNames.DEFAULT),
            EngineOptions.DEFAULT)) {
      result =
          engine.run(new RunRequest("fork-logs", Optional.of("pr-42"), Map.of()), RunListener.NONE);
    }

    StepResult step = result.steps().get(0);
    assertThat(step.verdict()).as(step.message()).isEqualTo(Verdict.PASS);
    assertThat(step.outputs()).containsEntry("instance", "pr-42");
    assertThat(step.logs()).isNotEmpty();
    assertThat(step.logs().get(0).lines().get(0).text()).contains("discount applied: 10%");
  }
}
