package dev.prooflane.actions.engine;

import dev.cel.common.values.NullValue;
import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionCall;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionInputException;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.LogWindow;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.expr.ExpressionException;
import dev.prooflane.actions.expr.Template;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.http.Replay;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.policy.RunGuard;
import dev.prooflane.actions.runtime.LogEntry;
import dev.prooflane.actions.runtime.SandboxInfo;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillStep;
import dev.prooflane.model.ProoflaneException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One run in progress: its target, cursors and the steps executed so far. */
final class Run {
  private static final String RUN_START = "";
  private final SkillEngine engine;
  private final String runId;
  private final Optional<SandboxInfo> sandbox;
  private final RunListener listener;
  private final long hopCursor;
  private final RunGuard guard;
  private final Duration runDuration;
  private final long deadline;
  private final Map<String, Map<String, Long>> before = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Long>> after = new ConcurrentHashMap<>();

  /** The steps and outputs of one skill invocation. */
  record Frame(List<StepResult> steps, Map<String, Object> outputs) {}

  Run(SkillEngine engine, String runId, Optional<SandboxInfo> sandbox, RunListener listener) {
    this.engine = engine;
    this.runId = runId;
    this.sandbox = sandbox;
    this.listener = listener;
    this.hopCursor = engine.runtime().hopCursor();
    this.guard = RunGuard.of(engine.policy(), sandbox);
    this.runDuration = guard.runDuration(engine.options().runTimeout());
    this.deadline = System.nanoTime() + runDuration.toNanos();
    before.put(RUN_START, logCursors());
  }

  long hopCursor() {
    return hopCursor;
  }

  /** Runs the steps of {@code skill} in order; later steps see earlier ones as {@code steps.ID}. */
  Frame execute(Skill skill, Map<String, Object> inputs, String prefix, int depth) {
    Map<String, Object> stepVars = new LinkedHashMap<>();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("inputs", inputs);
    variables.put("steps", stepVars);
    variables.put("run", runVariable());
    variables.put("result", Map.of());
    List<StepResult> results = new ArrayList<>();
    boolean failed = false;
    for (SkillStep step : skill.steps()) {
      StepResult result = step(skill, step, prefix, depth, variables, failed);
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
    return new Frame(results, outputs);
  }

  private Map<String, Object> runVariable() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", runId);
    run.put("environment", engine.runtime().environment());
    run.put("target", sandbox.isPresent() ? "sandbox" : "baseline");
    run.put("sandbox", sandbox.<Object>map(SandboxInfo::name).orElse(NullValue.NULL_VALUE));
    run.put("routingKey", sandbox.<Object>map(s -> s.key().value()).orElse(NullValue.NULL_VALUE));
    return run;
  }

  private StepResult step(
      Skill skill,
      SkillStep step,
      String prefix,
      int depth,
      Map<String, Object> variables,
      boolean failed) {
    String id = prefix + step.id();
    if (failed && !step.always()) {
      return skipped(step, id, "not run: an earlier step failed");
    }
    if (System.nanoTime() > deadline) {
      return error(
          step,
          id,
          Map.of(),
          "the run exceeded its time limit of "
              + dev.prooflane.model.Durations.format(runDuration)
              + " (limits.runDuration of the policy; shorten the skill or raise the limit)",
          0);
    }
    if (step.condition().isPresent()) {
      Object condition;
      try {
        condition = step.condition().get().evaluate(variables);
      } catch (ExpressionException e) {
        return error(step, id, Map.of(), "if: " + e.getMessage(), 0);
      }
      if (!(condition instanceof Boolean b)) {
        return error(
            step, id, Map.of(), "if: expected true or false, got " + Values.text(condition), 0);
      }
      if (!b) {
        return skipped(step, id, "condition is false: " + step.condition().get().source());
      }
    }
    listener.stepStarted(id, step.action());
    Action action = engine.actions().get(step.action());
    ActionInput input =
        ActionInput.evaluate(
            step.with(),
            variables,
            action.deferredFields(),
            "step '" + id + "' (" + step.location() + ")");
    Map<String, Object> evaluatedInputs = input.reported();
    Duration timeout = guard.stepTimeout(step.timeout(), engine.options().stepTimeout());
    try {
      guard.admitStep(id, step.action(), timeout, step.timeout().isPresent());
    } catch (PolicyRefusedException e) {
      return finished(error(step, id, evaluatedInputs, e.getMessage(), 0), e);
    }
    long start = System.nanoTime();
    long stepDeadline = start + timeout.toNanos();
    before.put(id, logCursors());
    ActionContext context = new Context(skill.dir(), id, stepDeadline, depth);
    StepResult result;
    PolicyRefusedException refusal = null;
    Future<ActionResult> future = engine.workers().submit(() -> action.run(input, context));
    try {
      ActionResult r = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      result =
          StepResult.finished(
              id, step.action(), step.location(), evaluatedInputs, r, millisSince(start));
    } catch (TimeoutException e) {
      future.cancel(true);
      result =
          error(
              step,
              id,
              evaluatedInputs,
              "timed out after " + timeout.toMillis() + " ms (raise the step's timeout:)",
              millisSince(start));
    } catch (ExecutionException e) {
      refusal = e.getCause() instanceof PolicyRefusedException p ? p : null;
      result = error(step, id, evaluatedInputs, describe(e.getCause()), millisSince(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      result = error(step, id, evaluatedInputs, "interrupted", millisSince(start));
    }
    after.put(id, logCursors());
    return finished(result, refusal);
  }

  /** Tells the listener (secrets redacted) that a step ended, refused by the policy or not. */
  private StepResult finished(StepResult result, PolicyRefusedException refusal) {
    if (refusal != null) {
      listener.policyRefused(result.id(), refusal.rule(), refusal.getMessage());
    }
    listener.stepFinished(engine.policy().redactor().step(result));
    return result;
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

  private static StepResult skipped(SkillStep step, String id, String why) {
    return StepResult.skipped(id, step.action(), step.location(), why);
  }

  private static StepResult error(
      SkillStep step, String id, Map<String, Object> inputs, String why, long millis) {
    return StepResult.error(id, step.action(), step.location(), inputs, why, millis);
  }

  /** Every instance the run may read logs of: each service's baseline and the sandbox's forks. */
  private Map<String, Long> logCursors() {
    Map<String, Long> cursors = new LinkedHashMap<>();
    for (String service : engine.runtime().services()) {
      cursors.put(
          instance(service, Optional.empty()),
          engine.runtime().logCursor(service, Optional.empty()));
    }
    sandbox.ifPresent(
        s -> {
          for (String service : s.forkedServices()) {
            cursors.put(
                instance(service, Optional.of(s.name())),
                engine.runtime().logCursor(service, Optional.of(s.name())));
          }
        });
    return cursors;
  }

  private static String instance(String service, Optional<String> sandbox) {
    return service + "@" + sandbox.orElse("baseline");
  }

  /**
   * The first keyed request of the run, sent again without the key: does the baseline still answer?
   */
  Exchange control(List<StepResult> steps) {
    Optional<Exchange> keyed =
        SkillEngine.flatten(steps).stream()
            .flatMap(s -> s.exchanges().stream())
            .filter(Exchange::keyed)
            .findFirst();
    if (keyed.isEmpty()) {
      return null;
    }
    ActionCall replay = Replay.withoutKey(keyed.get(), engine.runtime().keyNames());
    if (!engine.actions().names().contains(replay.action())) {
      return null;
    }
    try {
      ActionResult r =
          new Context(
                  Path.of("."),
                  "control",
                  System.nanoTime() + engine.options().stepTimeout().toNanos(),
                  0)
              .runAction(replay.action(), replay.with());
      return r.exchanges().isEmpty() ? null : r.exchanges().get(0);
    } catch (Exception e) {
      return null;
    }
  }

  /** What the forked services wrote during the run (the last 200 lines each). */
  List<CapturedLog> forkLogs(SandboxInfo s) {
    List<CapturedLog> out = new ArrayList<>();
    for (String service : s.forkedServices()) {
      long from = before.get(RUN_START).getOrDefault(instance(service, Optional.of(s.name())), 0L);
      List<LogEntry> lines = engine.runtime().logsSince(service, Optional.of(s.name()), from);
      if (lines.size() > 200) {
        lines = lines.subList(lines.size() - 200, lines.size());
      }
      out.add(new CapturedLog(service, s.name(), lines));
    }
    return out;
  }

  /** The context one step's action sees. */
  private final class Context implements ActionContext {
    private final Path skillDir;
    private final String stepId;
    private final long stepDeadline;
    private final int depth;

    Context(Path skillDir, String stepId, long stepDeadline, int depth) {
      this.skillDir = skillDir;
      this.stepId = stepId;
      this.stepDeadline = stepDeadline;
      this.depth = depth;
    }

    @Override
    public dev.prooflane.actions.runtime.RuntimeAccess runtime() {
      return engine.runtime();
    }

    @Override
    public Optional<SandboxInfo> sandbox() {
      return sandbox;
    }

    @Override
    public Path skillDir() {
      return skillDir;
    }

    @Override
    public String runId() {
      return runId;
    }

    @Override
    public String stepId() {
      return stepId;
    }

    @Override
    public Duration remaining() {
      return Duration.ofNanos(Math.max(0, stepDeadline - System.nanoTime()));
    }

    @Override
    public LogWindow logWindow(
        String service, Optional<String> inSandbox, Optional<String> duringStep) {
      String instance = instance(service, inSandbox);
      String step = duringStep.orElse(RUN_START);
      Map<String, Long> from = before.get(step);
      if (from == null) {
        throw new ActionInputException(
            "step '"
                + stepId
                + "': no earlier step '"
                + step
                + "' ran in this run (use the id of an earlier step)");
      }
      long start = from.getOrDefault(instance, 0L);
      Map<String, Long> to = duringStep.isPresent() ? after.get(step) : null;
      return new LogWindow(
          start, to == null ? Long.MAX_VALUE : to.getOrDefault(instance, Long.MAX_VALUE));
    }

    @Override
    public RunGuard guard() {
      return guard;
    }

    @Override
    public ActionResult runAction(String name, Map<String, Object> with) throws Exception {
      guard.admitAction(stepId, name);
      Action action = engine.actions().get(name);
      return action.run(ActionInput.of(with, "step '" + stepId + "' (" + name + ")"), this);
    }

    @Override
    public ActionResult runSkill(String name, Map<String, Object> inputs) {
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
      Frame frame = execute(skill, resolved, stepId + ".", depth + 1);
      Verdict verdict = SkillEngine.verdict(frame.steps(), null);
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
}
