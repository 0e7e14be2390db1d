package dev.prooflane.kubernetes.runtime;

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
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.kubernetes.support.ForkFixture;
import dev.prooflane.kubernetes.support.MockCluster;
import dev.prooflane.model.KeyNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
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
    ForkFixture.forkService(client);
    ForkFixture.pod(client, "pricing-pr-42-xyz", ForkFixture.FORK_PODS, "pricing");
    client.resource(ForkFixture.ready(Fixtures.sandbox("sandbox-istio.yaml"))).create();
    ForkFixture.logsFromNow(server, "pricing-pr-42-xyz", "discount applied: 10% for sku-1");
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
