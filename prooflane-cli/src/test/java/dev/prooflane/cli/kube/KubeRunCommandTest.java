package dev.prooflane.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxStatus;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
    service("pricing", Map.of("app", "pricing"), Map.of());
    Map<String, String> forkPods =
        Map.of("prooflane.dev/sandbox", "pr-42", "prooflane.dev/fork-of", "pricing");
    service("pricing-pr-42", forkPods, Map.of("prooflane.dev/sandbox", "pr-42"));
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
    Sandbox sandbox = new Sandbox();
    sandbox.getMetadata().setName("pr-42");
    sandbox.getMetadata().setNamespace("shop");
    sandbox = client.resource(sandbox).create();
    SandboxStatus status = new SandboxStatus();
    status.setPhase("Ready");
    status.setRoutingKey("k7q2m9x4z1ab");
    status.setForks(
        List.of(new ForkState("pricing", "pricing-pr-42", List.of("pricing-pr-42"), 1)));
    sandbox.setStatus(status);
    client.resource(sandbox).updateStatus();
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

  private void service(String name, Map<String, String> selector, Map<String, String> labels) {
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
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
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
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
