package dev.prooflane.kubernetes.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.plan.Plan;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;

/**
 * Applies a plan by create-or-update: gets each object, creates it when absent, and otherwise
 * updates it (optimistically, at the version read) only when a field the plan sets differs.
 *
 * <p>Not server-side apply: it behaves the same on every API server and on the fabric8 mock server
 * the tests use. A conflicting concurrent write fails the update, and the reconciler retries.
 */
final class ClusterWriter {
  /** Spec fields the API server allocates for a Service, kept on update. */
  private static final List<String> SERVICE_ALLOCATED =
      List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy");

  private final KubernetesClient client;

  ClusterWriter(KubernetesClient client) {
    this.client = client;
  }

  /** Applies {@code plan}; returns how many objects were created, updated or deleted. */
  int apply(Plan plan) {
    int written = 0;
    for (ObjectNode desired : plan.writes()) {
      written += write(desired) ? 1 : 0;
    }
    for (ObjectNode gone : plan.deletes()) {
      written += delete(gone) ? 1 : 0;
    }
    return written;
  }

  private Resource<GenericKubernetesResource> resource(JsonNode object) {
    return client
        .genericKubernetesResources(ResourceKinds.of(object))
        .inNamespace(Manifests.namespace(object))
        .withName(Manifests.name(object));
  }

  private boolean write(ObjectNode desired) {
    Resource<GenericKubernetesResource> resource = resource(desired);
    GenericKubernetesResource existing = resource.get();
    if (existing == null) {
      client
          .genericKubernetesResources(ResourceKinds.of(desired))
          .inNamespace(Manifests.namespace(desired))
          .resource(Manifests.toObject(desired, GenericKubernetesResource.class))
          .create();
      return true;
    }
    ObjectNode actual = Manifests.toNode(existing);
    if (Manifests.covers(actual, desired)) {
      return false;
    }
    client
        .genericKubernetesResources(ResourceKinds.of(desired))
        .inNamespace(Manifests.namespace(desired))
        .resource(Manifests.toObject(merge(actual, desired), GenericKubernetesResource.class))
        .update();
    return true;
  }

  /** {@code actual} with the labels, owners and spec of {@code desired}. */
  private static ObjectNode merge(ObjectNode actual, ObjectNode desired) {
    ObjectNode merged = actual.deepCopy();
    merged.remove("status");
    ObjectNode metadata = (ObjectNode) merged.get("metadata");
    JsonNode want = desired.path("metadata");
    for (String field : List.of("labels", "ownerReferences")) {
      if (want.has(field)) {
        metadata.set(field, want.get(field).deepCopy());
      }
    }
    if (want.has("annotations")) {
      ObjectNode annotations =
          metadata.has("annotations")
              ? (ObjectNode) metadata.get("annotations")
              : metadata.putObject("annotations");
      annotations.setAll((ObjectNode) want.get("annotations").deepCopy());
    }
    ObjectNode spec = desired.path("spec").deepCopy();
    if ("Service".equals(Manifests.kind(desired))) {
      for (String field : SERVICE_ALLOCATED) {
        JsonNode allocated = actual.path("spec").get(field);
        if (allocated != null && !spec.has(field)) {
          spec.set(field, allocated);
        }
      }
    }
    merged.set("spec", spec);
    return merged;
  }

  /** Deletes {@code object} if it is still Prooflane's; returns whether it was there. */
  private boolean delete(ObjectNode object) {
    if (!Manifests.managed(object)) {
      throw new IllegalStateException(
          "refusing to delete " + Manifests.describe(object) + ": not Prooflane's");
    }
    return !resource(object).delete().isEmpty();
  }
}
