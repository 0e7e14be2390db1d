package dev.prooflane.kubernetes.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.render.ManifestFiles;
import dev.prooflane.kubernetes.support.RbacRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Checks the kustomize base without kustomize: every resource it lists exists and parses, and the
 * pieces fit together (service account, binding, image, CRD). {@code KustomizeIT} renders it with
 * {@code kubectl kustomize} where kubectl is installed.
 */
class KustomizationTest {
  static final Path DIR =
      Path.of(System.getProperty("prooflane.deploy.dir", "../deploy/kubernetes"));

  static Map<String, ObjectNode> objects() throws Exception {
    JsonNode k = Manifests.yaml().readTree(DIR.resolve("kustomization.yaml").toFile());
    Map<String, ObjectNode> out = new TreeMap<>();
    for (JsonNode r : k.path("resources")) {
      Path file = DIR.resolve(r.asText());
      assertThat(file).as("resource %s", r.asText()).isRegularFile();
      for (ObjectNode o : ManifestFiles.read(file)) {
        out.put(Manifests.kind(o) + "/" + Manifests.name(o), o);
      }
    }
    return out;
  }

  @Test
  void everyListedResourceExistsAndParsesAndNoManifestIsLeftOut() throws Exception {
    JsonNode k = Manifests.yaml().readTree(DIR.resolve("kustomization.yaml").toFile());
    List<String> listed = new ArrayList<>();
    k.path("resources").forEach(r -> listed.add(r.asText()));
    List<String> present;
    try (var files = Files.list(DIR)) {
      present =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
              .filter(n -> !n.equals("kustomization.yaml"))
              .sorted()
              .toList();
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    assertThat(objects().keySet())
        .containsExactlyInAnyOrder(
            "Namespace/prooflane-system",
            "CustomResourceDefinition/sandboxes.prooflane.dev",
            "ServiceAccount/prooflane-operator",
            "ClusterRole/prooflane-operator",
            "ClusterRoleBinding/prooflane-operator",
            "Deployment/prooflane-operator");
  }

  @Test
  void theOperatorRunsAsItsServiceAccountBoundToItsRoleWithTheImageKustomizeSets()
      throws Exception {
    Map<String, ObjectNode> o = objects();
    JsonNode pod =
        o.get("Deployment/prooflane-operator").path("spec").path("template").path("spec");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("prooflane-operator");
    JsonNode binding = o.get("ClusterRoleBinding/prooflane-operator");
    assertThat(binding.path("roleRef").path("name").asText()).isEqualTo("prooflane-operator");
    assertThat(binding.path("subjects").get(0).path("name").asText())
        .isEqualTo("prooflane-operator");
    assertThat(binding.path("subjects").get(0).path("namespace").asText())
        .isEqualTo("prooflane-system");
    JsonNode k = Manifests.yaml().readTree(DIR.resolve("kustomization.yaml").toFile());
    assertThat(pod.path("containers").get(0).path("image").asText())
        .isEqualTo(k.path("images").get(0).path("name").asText());
  }

  @Test
  void theRoleGrantsNoWildcardAndNoSecrets() {
    RbacRules rules = RbacRules.read(DIR.resolve("rbac.yaml"));
    for (String verb : List.of("get", "list", "watch")) {
      assertThat(rules.allows(new RbacRules.Call("", "secrets", verb, ""))).isFalse();
    }
    assertThat(rules.allows(new RbacRules.Call("apps", "deployments", "deletecollection", "")))
        .isFalse();
    assertThat(rules.allows(new RbacRules.Call("", "pods/log", "get", ""))).isTrue();
  }
}
