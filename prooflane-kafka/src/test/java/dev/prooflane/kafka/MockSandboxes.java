package dev.prooflane.kafka;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Sandbox resources in the fabric8 mock API server (CRUD mode), written as generic resources of the
 * operator's CRD ({@code prooflane.dev/v1alpha1}, plural {@code sandboxes}), so that these tests
 * need no dependency on prooflane-kubernetes.
 */
final class MockSandboxes {
  static final String NAMESPACE = "shop";
  static final CustomResourceDefinitionContext SANDBOXES =
      new CustomResourceDefinitionContext.Builder()
          .withGroup(SandboxWatcher.GROUP)
          .withVersion(SandboxWatcher.VERSION)
          .withKind("Sandbox")
          .withPlural(SandboxWatcher.PLURAL)
          .withScope("Namespaced")
          .build();

  private final KubernetesClient client;

  MockSandboxes(KubernetesMockServer server, KubernetesClient client) {
    server.expectCustomResource(SANDBOXES);
    this.client = client;
  }

  /**
   * Creates a Sandbox named {@code name} forking the Deployments of {@code forks}, with {@code
   * specKey} in its spec (or none) and, when {@code statusKey} is not null, the status the operator
   * writes: that key and each fork's ready replicas (the value of {@code forks}).
   */
  void create(String name, String specKey, String statusKey, Map<String, Integer> forks) {
    resource(name, specKey, statusKey, forks).create();
  }

  /** Replaces the Sandbox {@code name} (its status too, as the operator's patch would). */
  void update(String name, String specKey, String statusKey, Map<String, Integer> forks) {
    resource(name, specKey, statusKey, forks).update();
  }

  private Resource<GenericKubernetesResource> resource(
      String name, String specKey, String statusKey, Map<String, Integer> forks) {
    return client
        .genericKubernetesResources(SANDBOXES)
        .inNamespace(NAMESPACE)
        .resource(sandbox(name, specKey, statusKey, forks));
  }

  void delete(String name) {
    client.genericKubernetesResources(SANDBOXES).inNamespace(NAMESPACE).withName(name).delete();
  }

  private static GenericKubernetesResource sandbox(
      String name, String specKey, String statusKey, Map<String, Integer> forks) {
    StringBuilder forkSpecs = new StringBuilder();
    StringBuilder forkStates = new StringBuilder();
    forks.forEach(
        (deployment, ready) -> {
          forkSpecs
              .append(forkSpecs.length() == 0 ? "" : ",")
              .append("{\"of\":{\"kind\":\"Deployment\",\"name\":\"")
              .append(deployment)
              .append("\"}}");
          forkStates
              .append(forkStates.length() == 0 ? "" : ",")
              .append("{\"of\":\"")
              .append(deployment)
              .append("\",\"deployment\":\"")
              .append(deployment)
              .append("-")
              .append(name)
              .append("\",\"readyReplicas\":")
              .append(ready)
              .append("}");
        });
    String json =
        "{\"apiVersion\":\"prooflane.dev/v1alpha1\",\"kind\":\"Sandbox\","
            + "\"metadata\":{\"name\":\""
            + name
            + "\",\"namespace\":\""
            + NAMESPACE
            + "\"},"
            + "\"spec\":{"
            + (specKey == null ? "" : "\"routingKey\":\"" + specKey + "\",")
            + "\"forks\":["
            + forkSpecs
            + "]}"
            + (statusKey == null
                ? ""
                : ",\"status\":{\"phase\":\"Pending\",\"routingKey\":\""
                    + statusKey
                    + "\",\"forks\":["
                    + forkStates
                    + "]}")
            + "}";
    return Serialization.unmarshal(json, GenericKubernetesResource.class);
  }

  /** A watcher of the Sandboxes {@code settings} name, started, retrying within half a second. */
  static SandboxWatcher started(ClusterSettings settings) {
    SandboxWatcher watcher =
        new SandboxWatcher(
            settings,
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)),
            Duration.ofSeconds(10));
    watcher.start();
    return watcher;
  }

  /** Consumer properties that read the routes from this mock API server's Sandboxes. */
  static Map<String, Object> consumerConfig(KubernetesClient client, Path tokenFile) {
    try {
      Files.writeString(tokenFile, "a-service-account-token\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> config = new HashMap<>();
    config.put(RoutesFrom.PROPERTY, "kubernetes");
    config.put(ClusterSettings.API_SERVER, client.getMasterUrl().toString());
    config.put(ClusterSettings.TOKEN_FILE, tokenFile.toString());
    config.put(ClusterSettings.NAMESPACE, NAMESPACE);
    return config;
  }
}
