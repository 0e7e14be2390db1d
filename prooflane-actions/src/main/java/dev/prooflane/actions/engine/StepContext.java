package dev.prooflane.actions.engine;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionInputException;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.LogWindow;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.policy.RunGuard;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The context one step's action sees: the run's target, guard and logs, and the engine.
 *
 * @param skillDir the folder of the step's skill
 * @param stepId the step's id in the run
 * @param stepDeadline when the step's time is up, in {@link System#nanoTime()}
 * @param depth how many skills call the step's skill
 */
record StepContext(Run run, Path skillDir, String stepId, long stepDeadline, int depth)
    implements ActionContext {
  @Override
  public RuntimeAccess runtime() {
    return run.engine().runtime();
  }

  @Override
  public Optional<SandboxInfo> sandbox() {
    return run.sandbox();
  }

  @Override
  public String runId() {
    return run.id();
  }

  @Override
  public long runHopCursor() {
    return run.hopCursor();
  }

  @Override
  public Instant runStarted() {
    return run.started();
  }

  @Override
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, stepDeadline - System.nanoTime()));
  }

  @Override
  public LogWindow logWindow(
      String service, Optional<String> inSandbox, Optional<String> duringStep) {
    return run.logs().window(service, inSandbox, duringStep, stepId);
  }

  @Override
  public RunGuard guard() {
    return run.guard();
  }

  @Override
  public ActionResult runAction(String name, Map<String, Object> with) throws Exception {
    run.guard().admitAction(stepId, name);
    Action action = run.engine().actions().get(name);
    return action.run(ActionInput.of(with, "step '" + stepId + "' (" + name + ")"), this);
  }

  @Override
  public ActionResult runSkill(String name, Map<String, Object> inputs) {
    SkillEngine engine = run.engine();
    if (depth + 1 >= engine.options().maxDepth()) {
      throw new ActionInputException(
          "step '"
              + stepId
              + "': skills call each other deeper than "
              + engine.options().maxDepth()
              + " levels (a cycle?)");
    }
    Skill skill = engine.skills().get(name);
    engine.policy().checkSkill(name, skill.labels());
    Map<String, Object> resolved;
    try {
      resolved = Inputs.resolve(skill, inputs);
    } catch (IllegalArgumentException e) {
      throw new ActionInputException(
          "step '" + stepId + "': skill '" + name + "': " + e.getMessage());
    }
    SkillFrame.Result frame = new SkillFrame(run, skill, stepId + ".", depth + 1).run(resolved);
    Verdict verdict = RunVerdict.of(frame.steps(), null);
    if (verdict == Verdict.INCONCLUSIVE) {
      verdict = Verdict.SKIPPED;
    }
    ActionResult.Builder result =
        ActionResult.builder()
            .verdict(verdict)
            .message(
                "skill '"
                    + name
                    + "': "
                    + verdict
                    + frame.steps().stream()
                        .filter(s -> s.verdict() == Verdict.FAIL || s.verdict() == Verdict.ERROR)
                        .findFirst()
                        .map(s -> " at step '" + s.id() + "': " + s.message())
                        .orElse(""))
            .outputs(frame.outputs());
    frame.steps().forEach(result::child);
    return result.build();
  }
}
