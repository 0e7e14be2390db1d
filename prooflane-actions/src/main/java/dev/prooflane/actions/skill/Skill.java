package dev.prooflane.actions.skill;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.expr.Template;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A skill: a named, versioned workflow of actions with typed inputs and outputs.
 *
 * @param name unique in its catalog
 * @param version free-form, such as {@code 1} or {@code 2.3}
 * @param description what it checks
 * @param whenToUse a hint for agents: when this skill is the right one
 * @param labels free-form labels
 * @param inputs typed inputs, in declaration order
 * @param steps the steps, run in this order
 * @param outputs named values computed after the steps
 * @param file the file it was read from
 * @param digest {@code sha256:<hex>} of the file's bytes
 */
public record Skill(
    String name,
    String version,
    String description,
    String whenToUse,
    Map<String, String> labels,
    List<SkillInput> inputs,
    List<SkillStep> steps,
    Map<String, Template> outputs,
    Path file,
    String digest) {
  public Skill {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    requireNonNull(description, "description");
    requireNonNull(whenToUse, "whenToUse");
    requireNonNull(file, "file");
    requireNonNull(digest, "digest");
    labels = Map.copyOf(labels);
    inputs = List.copyOf(inputs);
    steps = List.copyOf(steps);
    outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  /** The folder the skill's relative references (schemas, OpenAPI documents) resolve against. */
  public Path dir() {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("/") : parent;
  }
}
