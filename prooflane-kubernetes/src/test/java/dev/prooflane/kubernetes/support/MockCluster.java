package dev.prooflane.kubernetes.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Loads the fixture baseline into the fabric8 mock API server (CRUD mode) and reads it back. */
public final class MockCluster {
  public static final ResourceDefinitionContext VIRTUAL_SERVICES =
      context("networking.istio.io", "v1", "VirtualService", "virtualservices");
  public static final ResourceDefinitionContext HTTP_ROUTES =
      context("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes");
  public static final ResourceDefinitionContext GRPC_ROUTES =
      context("gateway.networking.k8s.io", "v1", "GRPCRoute", "grpcroutes");

  private MockCluster() {}

  private static ResourceDefinitionContext context(
      String group, String version, String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  /** Registers the mesh kinds with {@code server}, as installing their CRDs would. */
  public static void installCrds(KubernetesMockServer server) {
    for (ResourceDefinitionContext c : List.of(VIRTUAL_SERVICES, HTTP_ROUTES, GRPC_ROUTES)) {
      server.expectCustomResource(
          new io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext.Builder()
              .withGroup(c.getGroup())
              .withVersion(c.getVersion())
              .withKind(c.getKind())
              .withPlural(c.getPlural())
              .withScope("Namespaced")
              .build());
    }
  }

  /**
   * The fixture baseline as the API server serves it: VirtualServices of every stored version are
   * read at {@code v1}.
   */
  public static List<ObjectNode> baseline() {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : Fixtures.baseline()) {
      if (Manifests.kind(o).equals("VirtualService")) {
        o.put("apiVersion", "networking.istio.io/v1");
      }
      out.add(o);
    }
    return out;
  }

  /** Creates {@code objects} in the cluster. */
  public static void create(KubernetesClient client, List<ObjectNode> objects) {
    for (ObjectNode o : objects) {
      switch (Manifests.kind(o)) {
        case "VirtualService" -> generic(client, VIRTUAL_SERVICES, o);
        case "HTTPRoute" -> generic(client, HTTP_ROUTES, o);
        case "GRPCRoute" -> generic(client, GRPC_ROUTES, o);
        default -> client.resource(Manifests.toObject(o, kindClass(o))).create();
      }
    }
  }

  private static Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kindClass(
      ObjectNode o) {
    return Manifests.kind(o).equals("Deployment")
        ? Deployment.class
        : io.fabric8.kubernetes.api.model.Service.class;
  }

  private static void generic(KubernetesClient client, ResourceDefinitionContext c, ObjectNode o) {
    client
        .genericKubernetesResources(c)
        .inNamespace(Manifests.namespace(o))
        .resource(Manifests.toObject(o, GenericKubernetesResource.class))
        .create();
  }

  /**
   * Every Deployment, Service, VirtualService, HTTPRoute and GRPCRoute of {@code namespace} by
   * {@code Kind/name}, without the fields the server sets (uid, resourceVersion, timestamps,
   * status).
   */
  public static Map<String, ObjectNode> snapshot(KubernetesClient client, String namespace) {
    Map<String, ObjectNode> out = new TreeMap<>();
    List<Object> all = new ArrayList<>();
    all.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
    all.addAll(client.services().inNamespace(namespace).list().getItems());
    all.addAll(
        client
            .genericKubernetesResources(VIRTUAL_SERVICES)
            .inNamespace(namespace)
            .list()
            .getItems());
    for (ResourceDefinitionContext routes : List.of(HTTP_ROUTES, GRPC_ROUTES)) {
      all.addAll(
          client.genericKubernetesResources(routes).inNamespace(namespace).list().getItems());
    }
    for (Object o : all) {
      ObjectNode node = normalize(Manifests.toNode(o));
      out.put(Manifests.kind(node) + "/" + Manifests.name(node), node);
    }
    return out;
  }

  /** {@code object} without the fields the server sets. */
  public static ObjectNode normalize(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove("status");
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    for (String f :
        List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields")) {
      metadata.remove(f);
    }
    return copy;
  }
}
