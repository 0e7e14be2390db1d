package dev.prooflane.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.cli.CliRun;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.support.ForkFixture;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prooflane kube run}: a skill run in-process against a Sandbox of the mock cluster. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubeRunCommandTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;
  Path kubeconfig;
  Path skills;

  @BeforeEach
  void aClusterWithAForkAndASkill() throws Exception {
    kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            KubeSandboxCommandTest.kubeconfig(client.getMasterUrl().toString()));
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("pricing")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "pricing")
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
    ForkFixture.forkService(client);
    ForkFixture.pod(client, "pricing-pr-42-xyz", ForkFixture.FORK_PODS, "pricing");
    Sandbox sandbox = new Sandbox();
    sandbox.getMetadata().setName("pr-42");
    sandbox.getMetadata().setNamespace("shop");
    client.resource(ForkFixture.ready(client.resource(sandbox).create())).updateStatus();
    ForkFixture.logsFromNow(server, "pricing-pr-42-xyz", "discount applied: 10% for sku-1");
    skills = Files.createDirectories(dir.resolve("skills"));
    Files.writeString(
        skills.resolve("fork-logs.yaml"),
        """
        name: fork-logs
        description: the fork logged its discount
        whenToUse: after a pricing change
        steps:
          - id: discount_logged
            action: logs
            with: {service: pricing, contains: "discount applied"}
        """);
  }

  private CliRun.Result cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--kubeconfig";
    all[args.length + 1] = kubeconfig.toString();
    return CliRun.run(all);
  }

  @Test
  void runsASkillsLogsStepAgainstTheForkAndWritesSignedReports() {
    CliRun.Result run =
        cli(
            "kube",
            "run",
            "fork-logs",
            "--sandbox",
            "pr-42",
            "--skills",
            skills.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--keys",
            dir.resolve("keys").toString());

    // no request reached the fork, so the change was not shown to be exercised: INCONCLUSIVE
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(5);
    assertThat(run.out())
        .startsWith("verdict INCONCLUSIVE — fork-logs in sandbox pr-42")
        .contains("PASS  discount_logged (logs)");
    assertThat(dir.resolve("out/report.json")).exists();
    assertThat(dir.resolve("keys")).isDirectory();
  }

  @Test
  void aSandboxThatIsNotThereIsABadState() {
    CliRun.Result run =
        cli("kube", "run", "fork-logs", "--sandbox", "nope", "--skills", skills.toString());
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("Sandbox shop/nope not found");
  }
}
