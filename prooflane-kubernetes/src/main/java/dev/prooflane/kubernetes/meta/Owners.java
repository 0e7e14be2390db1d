package dev.prooflane.kubernetes.meta;

import dev.prooflane.kubernetes.crd.Sandbox;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The labels and owner references that tie an object to the sandbox it was made for. */
public final class Owners {
  private Owners() {}

  /**
   * The owner reference to {@code sandbox}, so the cluster deletes the object with it; none when
   * the sandbox has no uid yet (rendered offline, never applied).
   */
  public static List<OwnerReference> references(Sandbox sandbox) {
    String uid = sandbox.getMetadata().getUid();
    if (uid == null || uid.isEmpty()) {
      return List.of();
    }
    return List.of(
        new OwnerReferenceBuilder()
            .withApiVersion(Sandbox.API_VERSION)
            .withKind("Sandbox")
            .withName(sandbox.getMetadata().getName())
            .withUid(uid)
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build());
  }

  /**
   * The labels of an object made for {@code sandbox}: {@code base} (the baseline object's), the
   * sandbox's {@code spec.labels}, then Prooflane's own, which win.
   */
  public static Map<String, String> labels(Sandbox sandbox, Map<String, String> base) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (base != null) {
      labels.putAll(base);
    }
    labels.putAll(sandbox.getSpec().getLabels());
    labels.put(Labels.MANAGED_BY, Labels.PROOFLANE);
    labels.put(Labels.SANDBOX, sandbox.getMetadata().getName());
    return labels;
  }
}
