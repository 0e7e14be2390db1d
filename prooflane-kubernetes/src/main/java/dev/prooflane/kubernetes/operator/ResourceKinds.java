package dev.prooflane.kubernetes.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.kubernetes.meta.Manifests;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;

/** The API paths of the kinds the operator writes, so it needs no discovery calls. */
final class ResourceKinds {
  private static final Map<String, String> PLURALS =
      Map.of(
          "Deployment", "deployments",
          "Service", "services",
          "VirtualService", "virtualservices",
          "HTTPRoute", "httproutes",
          "GRPCRoute", "grpcroutes");

  private ResourceKinds() {}

  static ResourceDefinitionContext of(JsonNode object) {
    return of(Manifests.apiVersion(object), Manifests.kind(object));
  }

  static ResourceDefinitionContext of(String apiVersion, String kind) {
    String plural = PLURALS.get(kind);
    if (plural == null) {
      throw new IllegalArgumentException(
          "kind: " + kind + " (expected: one of " + PLURALS.keySet() + ")");
    }
    int slash = apiVersion.indexOf('/');
    return new ResourceDefinitionContext.Builder()
        .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
        .withVersion(apiVersion.substring(slash + 1))
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
