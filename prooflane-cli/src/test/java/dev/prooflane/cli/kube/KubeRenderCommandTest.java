package dev.prooflane.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.cli.CliRun;
import dev.prooflane.kubernetes.render.KubeRender;
import dev.prooflane.model.KeyNames;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeRenderCommandTest {
  @TempDir Path dir;
  Path sandbox;
  Path baseline;

  @BeforeEach
  void writeASandboxAndItsBaseline() throws Exception {
    baseline = Files.createDirectories(dir.resolve("baseline"));
    Files.writeString(
        baseline.resolve("pricing.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: pricing, namespace: shop}
        spec:
          selector: {matchLabels: {app: pricing}}
          template:
            metadata: {labels: {app: pricing}}
            spec:
              containers: [{name: pricing, image: shop/pricing:1}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: pricing, namespace: shop}
        spec:
          selector: {app: pricing}
          ports: [{name: http, port: 80, targetPort: 8080}]
        """);
    sandbox = dir.resolve("sandbox.yaml");
    Files.writeString(
        sandbox,
        """
        apiVersion: prooflane.dev/v1alpha1
        kind: Sandbox
        metadata: {name: pr-42, namespace: shop}
        spec:
          routingKey: k7q2m9x4z1ab
          routing: {provider: istio}
          forks:
          - of: {kind: Deployment, name: pricing}
            customizations:
              images: [{container: pricing, image: shop/pricing:pr-42}]
        """);
  }

  @Test
  void printsExactlyWhatKubeRenderPlans() {
    CliRun.Result result =
        CliRun.run("kube", "render", "-f", sandbox.toString(), "--baseline", baseline.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(KubeRender.of(KeyNames.DEFAULT).render(sandbox, baseline).yaml())
        .contains("kind: Deployment", "name: pricing-pr-42", "kind: VirtualService")
        .contains("image: shop/pricing:pr-42");
  }

  @Test
  void anInvalidSandboxIsAUsageErrorNamingTheField() throws Exception {
    Files.writeString(
        sandbox, Files.readString(sandbox).replace("kind: Deployment", "kind: StatefulSet"));

    CliRun.Result result =
        CliRun.run("kube", "render", "-f", sandbox.toString(), "--baseline", baseline.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("spec.forks[0].of.kind: StatefulSet (expected: Deployment)");
  }

  @Test
  void aMissingBaselineDeploymentIsABadStateSayingWhatToFix() throws Exception {
    Files.delete(baseline.resolve("pricing.yaml"));

    CliRun.Result result =
        CliRun.run("kube", "render", "-f", sandbox.toString(), "--baseline", baseline.toString());

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .contains(
            "baseline Deployment shop/pricing not found: create it or fix spec.forks[0].of.name");
  }

  @Test
  void requiresTheFileAndTheBaseline() {
    CliRun.Result result = CliRun.run("kube", "render", "-f", sandbox.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--baseline");
  }
}
