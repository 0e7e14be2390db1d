package dev.prooflane.actions.engine;

import dev.cel.common.values.NullValue;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.expr.ExpressionException;
import dev.prooflane.actions.expr.Template;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One invocation of a skill in a run: its steps in order, each seeing the earlier ones as {@code
 * steps.ID}; after a failure only {@code always:} steps run; a step whose {@code if:} is false is
 * skipped. Then the skill's outputs.
 */
final class SkillFrame {
  private final Run run;
  private final Skill skill;
  private final String prefix;
  private final int depth;

  /** The steps and outputs of one skill invocation. */
  record Result(List<StepResult> steps, Map<String, Object> outputs) {}

  /**
   * @param prefix what the ids of its steps start with ({@code outer.} when called by a step)
   * @param depth how many skills call it
   */
  SkillFrame(Run run, Skill skill, String prefix, int depth) {
    this.run = run;
    this.skill = skill;
    this.prefix = prefix;
    this.depth = depth;
  }

  Result run(Map<String, Object> inputs) {
    Map<String, Object> stepVars = new LinkedHashMap<>();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("inputs", inputs);
    variables.put("steps", stepVars);
    variables.put("run", run.variable());
    variables.put("result", Map.of());
    variables.put("record", Map.of());
    List<StepResult> results = new ArrayList<>();
    boolean failed = false;
    for (SkillStep step : skill.steps()) {
      StepResult result = step(step, variables, failed);
      results.add(result);
      if (result.verdict() == Verdict.FAIL || result.verdict() == Verdict.ERROR) {
        failed = true;
      }
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("outputs", result.outputs());
      view.put("verdict", result.verdict().name());
      view.put("message", result.message());
      stepVars.put(step.id(), view);
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, Template> e : skill.outputs().entrySet()) {
      try {
        outputs.put(e.getKey(), e.getValue().evaluate(variables));
      } catch (ExpressionException ex) {
        outputs.put(e.getKey(), NullValue.NULL_VALUE);
      }
    }
    return new Result(results, outputs);
  }

  private StepResult step(SkillStep step, Map<String, Object> variables, boolean failed) {
    String id = prefix + step.id();
    if (failed && !step.always()) {
      return StepResult.skipped(
          id, step.action(), step.location(), "not run: an earlier step failed");
    }
    Optional<String> outOfTime = run.outOfTime();
    if (outOfTime.isPresent()) {
      return error(step, id, outOfTime.get());
    }
    if (step.condition().isPresent()) {
      Object condition;
      try {
        condition = step.condition().get().evaluate(variables);
      } catch (ExpressionException e) {
        return error(step, id, "if: " + e.getMessage());
      }
      if (!(condition instanceof Boolean b)) {
        return error(step, id, "if: expected true or false, got " + Values.text(condition));
      }
      if (!b) {
        return StepResult.skipped(
            id,
            step.action(),
            step.location(),
            "condition is false: " + step.condition().get().source());
      }
    }
    return new StepExecution(run, skill.dir(), step, id, depth).run(variables);
  }

  private static StepResult error(SkillStep step, String id, String why) {
    return StepResult.error(id, step.action(), step.location(), Map.of(), why, 0);
  }
}
