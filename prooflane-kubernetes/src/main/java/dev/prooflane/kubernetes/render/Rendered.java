package dev.prooflane.kubernetes.render;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.plan.Plan;
import dev.prooflane.model.RoutingKey;

/**
 * A rendered sandbox: the key it is routed by and the plan the operator would apply.
 *
 * @param sandbox the sandbox
 * @param key its routing key
 * @param plan the objects to write and to delete
 */
public record Rendered(Sandbox sandbox, RoutingKey key, Plan plan) {
  public Rendered {
    requireNonNull(sandbox, "sandbox");
    requireNonNull(key, "key");
    requireNonNull(plan, "plan");
  }

  /**
   * The objects to create or update as multi-document YAML, after comment lines naming the sandbox,
   * its key, the notes and the objects that would be deleted.
   */
  public String yaml() {
    StringBuilder out = new StringBuilder();
    out.append("# Sandbox ")
        .append(sandbox.getMetadata().getNamespace())
        .append('/')
        .append(sandbox.getMetadata().getName())
        .append(", routing key ")
        .append(key.value())
        .append(": objects to create, or to update where they exist\n");
    plan.notes().forEach(n -> out.append("# note: ").append(n).append('\n'));
    for (ObjectNode d : plan.deletes()) {
      out.append("# delete: ").append(Manifests.describe(d)).append('\n');
    }
    return out.append(Manifests.toYaml(plan.writes())).toString();
  }
}
