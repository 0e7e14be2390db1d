package dev.prooflane.kubernetes.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import java.util.List;

/** Finds and reads the objects a plan writes. */
public final class PlanObjects {
  private PlanObjects() {}

  /** The object of {@code kind} named {@code name} among {@code objects}. */
  public static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> Manifests.kind(o).equals(kind) && Manifests.name(o).equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + objects));
  }

  /** {@code Kind/name} of each object, in order. */
  public static List<String> ids(List<ObjectNode> objects) {
    return objects.stream().map(o -> Manifests.kind(o) + "/" + Manifests.name(o)).toList();
  }

  /** An object written as YAML, as a test spells it. */
  public static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) Manifests.yaml().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not YAML: " + text, e);
    }
  }

  /** The header matches of {@code match} as {@code type name=value}. */
  public static List<String> headers(JsonNode match) {
    return java.util.stream.StreamSupport.stream(match.path("headers").spliterator(), false)
        .map(
            h ->
                h.path("type").asText()
                    + " "
                    + h.path("name").asText()
                    + "="
                    + h.path("value").asText())
        .toList();
  }
}
