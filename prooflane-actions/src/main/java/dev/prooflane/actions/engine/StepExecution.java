package dev.prooflane.actions.engine;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionInputException;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.expr.ExpressionException;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.skill.SkillStep;
import dev.prooflane.model.ProoflaneException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One step's execution: its {@code with:} evaluated once, the policy's admission, then its action
 * on a worker thread bounded by the step's timeout, with the log positions before and after.
 */
final class StepExecution {
  private final Run run;
  private final Path skillDir;
  private final SkillStep step;
  private final String id;
  private final int depth;

  /**
   * @param id the step's id in the run ({@code outer.inner} when nested)
   * @param depth how many skills call the step's skill
   */
  StepExecution(Run run, Path skillDir, SkillStep step, String id, int depth) {
    this.run = run;
    this.skillDir = skillDir;
    this.step = step;
    this.id = id;
    this.depth = depth;
  }

  /** Runs the step against {@code variables}; the listener hears of its end. */
  StepResult run(Map<String, Object> variables) {
    SkillEngine engine = run.engine();
    run.listener().stepStarted(id, step.action());
    Action action = engine.actions().get(step.action());
    ActionInput input =
        ActionInput.evaluate(
            step.with(),
            variables,
            action.deferredFields(),
            "step '" + id + "' (" + step.location() + ")");
    Map<String, Object> inputs = input.reported();
    Duration timeout = run.guard().stepTimeout(step.timeout(), engine.options().stepTimeout());
    try {
      run.guard().admitStep(id, step.action(), timeout, step.timeout().isPresent());
    } catch (PolicyRefusedException e) {
      return run.finished(error(inputs, e.getMessage(), 0), e);
    }
    long start = System.nanoTime();
    run.logs().beforeStep(id);
    StepContext context = new StepContext(run, skillDir, id, start + timeout.toNanos(), depth);
    StepResult result;
    PolicyRefusedException refusal = null;
    Future<ActionResult> future = engine.workers().submit(() -> action.run(input, context));
    try {
      ActionResult r = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      result =
          StepResult.finished(id, step.action(), step.location(), inputs, r, millisSince(start));
    } catch (TimeoutException e) {
      future.cancel(true);
      result =
          error(
              inputs,
              "timed out after " + timeout.toMillis() + " ms (raise the step's timeout:)",
              millisSince(start));
    } catch (ExecutionException e) {
      refusal = e.getCause() instanceof PolicyRefusedException p ? p : null;
      result = error(inputs, describe(e.getCause()), millisSince(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      result = error(inputs, "interrupted", millisSince(start));
    }
    run.logs().afterStep(id);
    return run.finished(result, refusal);
  }

  private StepResult error(Map<String, Object> inputs, String why, long millis) {
    return StepResult.error(id, step.action(), step.location(), inputs, why, millis);
  }

  private static String describe(Throwable t) {
    if (t instanceof ActionInputException
        || t instanceof ExpressionException
        || t instanceof ProoflaneException) {
      return t.getMessage();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
