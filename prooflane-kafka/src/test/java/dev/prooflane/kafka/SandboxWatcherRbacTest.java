package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * What the Kubernetes routes source assumes of {@code deploy/kubernetes}: the operator's CRD serves
 * the group, version and plural it calls and has the fields it reads, and the consumers' RBAC
 * example allows every call it makes. prooflane-kafka does not depend on prooflane-kubernetes, so
 * this is where a change of the CRD shows up.
 */
class SandboxWatcherRbacTest {
  private static final Path DIR =
      Path.of(System.getProperty("prooflane.deploy.dir", "../deploy/kubernetes"));

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    new YAMLMapper()
        .readerFor(JsonNode.class)
        .readValues(file.toFile())
        .forEachRemaining(o -> out.add((JsonNode) o));
    return out;
  }

  @Test
  void theCrdServesWhatTheWatcherCallsWithTheFieldsItReads() throws IOException {
    JsonNode crd = documents(DIR.resolve("sandboxes.prooflane.dev-v1.yml")).get(0).path("spec");

    assertThat(crd.path("group").asText()).isEqualTo(SandboxWatcher.GROUP);
    assertThat(crd.path("names").path("plural").asText()).isEqualTo(SandboxWatcher.PLURAL);
    assertThat(crd.path("scope").asText()).isEqualTo("Namespaced");
    JsonNode version =
        StreamSupport.stream(crd.path("versions").spliterator(), false)
            .filter(v -> v.path("name").asText().equals(SandboxWatcher.VERSION))
            .findFirst()
            .orElseThrow();
    assertThat(version.path("served").asBoolean()).isTrue();
    JsonNode schema = version.path("schema").path("openAPIV3Schema").path("properties");
    JsonNode spec = schema.path("spec").path("properties");
    JsonNode status = schema.path("status").path("properties");
    assertThat(spec.path("routingKey").path("type").asText()).isEqualTo("string");
    assertThat(
            spec.path("forks")
                .path("items")
                .path("properties")
                .path("of")
                .path("properties")
                .path("name")
                .path("type")
                .asText())
        .isEqualTo("string");
    assertThat(status.path("routingKey").path("type").asText()).isEqualTo("string");
    JsonNode forkState = status.path("forks").path("items").path("properties");
    assertThat(forkState.path("of").path("type").asText()).isEqualTo("string");
    assertThat(forkState.path("readyReplicas").path("type").asText()).isEqualTo("integer");
  }

  @Test
  void theConsumersRoleAllowsListingAndWatchingSandboxesOnly() throws IOException {
    List<JsonNode> objects = documents(DIR.resolve("consumers/sandbox-reader.yaml"));
    JsonNode role = objects.get(0);
    JsonNode binding = objects.get(1);

    assertThat(role.path("kind").asText()).isEqualTo("Role");
    assertThat(role.path("rules")).hasSize(1);
    JsonNode rule = role.path("rules").get(0);
    assertThat(texts(rule.path("apiGroups"))).containsExactly(SandboxWatcher.GROUP);
    assertThat(texts(rule.path("resources"))).containsExactly(SandboxWatcher.PLURAL);
    assertThat(texts(rule.path("verbs"))).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(binding.path("kind").asText()).isEqualTo("RoleBinding");
    assertThat(binding.path("roleRef").path("kind").asText()).isEqualTo("Role");
    assertThat(binding.path("roleRef").path("name").asText())
        .isEqualTo(role.path("metadata").path("name").asText());
    assertThat(binding.path("metadata").path("namespace").asText())
        .isEqualTo(role.path("metadata").path("namespace").asText());
    assertThat(binding.path("subjects").get(0).path("kind").asText()).isEqualTo("ServiceAccount");
    assertThat(binding.path("subjects").get(0).path("namespace").asText())
        .isEqualTo(role.path("metadata").path("namespace").asText());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
