package dev.prooflane.actions.engine;

import dev.cel.common.values.NullValue;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.policy.RunGuard;
import dev.prooflane.model.Durations;
import dev.prooflane.runtime.SandboxInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run in progress: its id, target, policy guard, deadline and log positions, which every step
 * of the skill and of the skills it calls shares.
 */
final class Run {
  private final SkillEngine engine;
  private final String runId;
  private final Optional<SandboxInfo> sandbox;
  private final RunListener listener;
  private final long hopCursor;
  private final Instant started;
  private final RunGuard guard;
  private final Duration runDuration;
  private final long deadline;
  private final LogCursors logs;

  Run(SkillEngine engine, String runId, Optional<SandboxInfo> sandbox, RunListener listener) {
    this.engine = engine;
    this.runId = runId;
    this.sandbox = sandbox;
    this.listener = listener;
    this.hopCursor = engine.runtime().hopCursor();
    this.started = Instant.now();
    this.guard = RunGuard.of(engine.policy(), sandbox);
    this.runDuration = guard.runDuration(engine.options().runTimeout());
    this.deadline = System.nanoTime() + runDuration.toNanos();
    this.logs = new LogCursors(engine.runtime(), sandbox);
  }

  /** Why no more step may start, or empty while the run is within its time limit. */
  Optional<String> outOfTime() {
    if (System.nanoTime() <= deadline) {
      return Optional.empty();
    }
    return Optional.of(
        "the run exceeded its time limit of "
            + Durations.format(runDuration)
            + " (limits.runDuration of the policy; shorten the skill or raise the limit)");
  }

  /** The {@code run} variable of expressions. */
  Map<String, Object> variable() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", runId);
    run.put("environment", engine.runtime().environment());
    run.put("target", sandbox.isPresent() ? "sandbox" : "baseline");
    run.put("sandbox", sandbox.<Object>map(SandboxInfo::name).orElse(NullValue.NULL_VALUE));
    run.put("routingKey", sandbox.<Object>map(s -> s.key().value()).orElse(NullValue.NULL_VALUE));
    return run;
  }

  /** Tells the listener (secrets redacted) that a step ended, refused by the policy or not. */
  StepResult finished(StepResult result, PolicyRefusedException refusal) {
    if (refusal != null) {
      listener.policyRefused(result.id(), refusal.rule(), refusal.getMessage());
    }
    listener.stepFinished(engine.policy().redactor().step(result));
    return result;
  }

  SkillEngine engine() {
    return engine;
  }

  String id() {
    return runId;
  }

  Optional<SandboxInfo> sandbox() {
    return sandbox;
  }

  RunListener listener() {
    return listener;
  }

  RunGuard guard() {
    return guard;
  }

  LogCursors logs() {
    return logs;
  }

  long hopCursor() {
    return hopCursor;
  }

  Instant started() {
    return started;
  }
}
