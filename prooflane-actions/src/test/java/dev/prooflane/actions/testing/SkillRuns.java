package dev.prooflane.actions.testing;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.EngineOptions;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyReader;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.skill.SkillReader;
import dev.prooflane.runtime.RuntimeAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs skills written inline in a test through the real engine and the built-in actions. */
public final class SkillRuns {
  private SkillRuns() {}

  /** A skill read from YAML text as if from {@code inline/NAME.yaml}. */
  public static Skill parse(String name, String yaml) {
    return SkillReader.parse(
        Path.of("inline", name + ".yaml"), yaml, "sha256:test", ActionCatalog.builtIn().names());
  }

  /**
   * A skill {@code name} of one step, also named {@code name}: {@code action} with {@code with}.
   */
  public static Skill oneStep(String name, String action, String with) {
    return parse(
        name,
        """
        name: %s
        description: d
        whenToUse: w
        steps:
          - id: %s
            action: %s
            with: %s
        """
            .formatted(name, name, action, with));
  }

  /** The default policy, but any write may reach the baseline: for tests of plain HTTP. */
  public static final Policy ALLOW_WRITES =
      PolicyReader.parse(
          "allow-writes.yaml",
          "writes: {allow: [{service: '*'}]}",
          ActionCatalog.builtIn().names());

  /** Runs {@code main} against {@code sandbox} (or the baseline when null). */
  public static RunResult run(
      RuntimeAccess env, String sandbox, Map<String, Object> inputs, Skill main, Skill... more) {
    return run(Policy.DEFAULT, env, sandbox, inputs, main, more);
  }

  /** Runs {@code main} under {@code policy} against {@code sandbox} (or the baseline when null). */
  public static RunResult run(
      Policy policy,
      RuntimeAccess env,
      String sandbox,
      Map<String, Object> inputs,
      Skill main,
      Skill... more) {
    List<Skill> all = new ArrayList<>(List.of(more));
    all.add(main);
    return run(policy, env, SkillCatalog.of(all), main.name(), sandbox, inputs);
  }

  /** Runs skill {@code name} of {@code skills}. */
  public static RunResult run(
      RuntimeAccess env,
      SkillCatalog skills,
      String name,
      String sandbox,
      Map<String, Object> inputs) {
    return run(Policy.DEFAULT, env, skills, name, sandbox, inputs);
  }

  /** Runs skill {@code name} of {@code skills} under {@code policy}. */
  public static RunResult run(
      Policy policy,
      RuntimeAccess env,
      SkillCatalog skills,
      String name,
      String sandbox,
      Map<String, Object> inputs) {
    return run(ActionCatalog.builtIn(), policy, env, skills, name, sandbox, inputs);
  }

  /** Runs skill {@code main} with {@code actions} (built otherwise) under {@code policy}. */
  public static RunResult run(
      ActionCatalog actions, Policy policy, RuntimeAccess env, String sandbox, Skill main) {
    return run(
        actions, policy, env, SkillCatalog.of(List.of(main)), main.name(), sandbox, Map.of());
  }

  private static RunResult run(
      ActionCatalog actions,
      Policy policy,
      RuntimeAccess env,
      SkillCatalog skills,
      String name,
      String sandbox,
      Map<String, Object> inputs) {
    try (SkillEngine engine =
        new SkillEngine(actions, skills, env, EngineOptions.DEFAULT, policy)) {
      return engine.run(
          new RunRequest(name, Optional.ofNullable(sandbox), inputs), RunListener.NONE);
    }
  }

  /** The step with id {@code id}, searched through nested steps. */
  public static StepResult step(RunResult result, String id) {
    return find(result.steps(), id)
        .orElseThrow(() -> new AssertionError("no step '" + id + "' in " + ids(result.steps())));
  }

  private static Optional<StepResult> find(List<StepResult> steps, String id) {
    for (StepResult s : steps) {
      if (s.id().equals(id)) {
        return Optional.of(s);
      }
      Optional<StepResult> nested = find(s.children(), id);
      if (nested.isPresent()) {
        return nested;
      }
    }
    return Optional.empty();
  }

  private static List<String> ids(List<StepResult> steps) {
    List<String> out = new ArrayList<>();
    for (StepResult s : steps) {
      out.add(s.id());
      out.addAll(ids(s.children()));
    }
    return out;
  }
}
