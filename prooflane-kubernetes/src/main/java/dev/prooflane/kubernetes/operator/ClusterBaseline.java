package dev.prooflane.kubernetes.operator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.gatewayapi.GatewayApiRouting;
import dev.prooflane.kubernetes.istio.IstioRouting;
import dev.prooflane.kubernetes.meta.Baseline;
import dev.prooflane.kubernetes.meta.Manifests;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/** Reads the baseline of one namespace from the cluster: what the planner plans against. */
final class ClusterBaseline {
  private ClusterBaseline() {}

  static Baseline read(KubernetesClient client, String namespace) {
    return new Baseline(
        namespace,
        client.apps().deployments().inNamespace(namespace).list().getItems(),
        client.services().inNamespace(namespace).list().getItems(),
        list(
            client,
            namespace,
            IstioRouting.API_VERSION,
            "networking.istio.io/v1beta1",
            "VirtualService"),
        list(client, namespace, GatewayApiRouting.API_VERSION, null, "HTTPRoute"),
        list(client, namespace, GatewayApiRouting.API_VERSION, null, "GRPCRoute"));
  }

  /**
   * The objects of a mesh kind, read at {@code apiVersion} (the server converts every stored
   * version), else at {@code fallback}; none when the mesh's CRD is not installed.
   */
  private static List<ObjectNode> list(
      KubernetesClient client, String namespace, String apiVersion, String fallback, String kind) {
    try {
      return client
          .genericKubernetesResources(ResourceKinds.of(apiVersion, kind))
          .inNamespace(namespace)
          .list()
          .getItems()
          .stream()
          .map(Manifests::toNode)
          .toList();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      return fallback == null ? List.of() : list(client, namespace, fallback, null, kind);
    }
  }
}
