package dev.prooflane.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.render.ManifestFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the base with {@code kubectl kustomize}, as users apply it. Skipped where kubectl is not
 * installed (it is not a build requirement); {@code KustomizationTest} checks the files regardless.
 */
class KustomizeIT {
  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void kubectlKustomizeRendersTheBaseIntoTheOperatorNamespace(@TempDir Path tmp) throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not installed");
    Path out = tmp.resolve("rendered.yaml");
    Process p =
        new ProcessBuilder("kubectl", "kustomize", KustomizationTest.DIR.toString())
            .redirectOutput(out.toFile())
            .redirectError(tmp.resolve("err.txt").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("err.txt"))).isZero();

    List<ObjectNode> objects = ManifestFiles.read(out);
    assertThat(objects)
        .extracting(Manifests::kind)
        .containsExactlyInAnyOrder(
            "Namespace",
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Deployment");
    ObjectNode deployment =
        objects.stream()
            .filter(o -> Manifests.kind(o).equals("Deployment"))
            .findFirst()
            .orElseThrow();
    assertThat(Manifests.namespace(deployment)).isEqualTo("prooflane-system");
    assertThat(Manifests.label(deployment, "app.kubernetes.io/part-of")).isEqualTo("prooflane");
    assertThat(
            deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("image")
                .asText())
        .isEqualTo("prooflane/operator:0.1.0");
  }
}
