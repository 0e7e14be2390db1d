package dev.prooflane.actions.engine;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run produced: the verdict and all the evidence behind it.
 *
 * @param runId the run's id
 * @param startedAt when it started (evidence only; never part of a verdict)
 * @param durationMillis how long it took
 * @param skill the skill and its digest
 * @param target what it ran against
 * @param inputs the inputs after defaults and types were applied
 * @param steps every step, in order
 * @param outputs the skill's outputs
 * @param verdict PASS, FAIL, ERROR or INCONCLUSIVE
 * @param message why, in one line
 * @param coverage whether the forked services received keyed traffic (null for a baseline run)
 * @param control the same first keyed request sent without the key (null when there was none)
 * @param forkLogs what the forked services wrote during the run
 */
public record RunResult(
    String runId,
    Instant startedAt,
    long durationMillis,
    SkillRef skill,
    Target target,
    Map<String, Object> inputs,
    List<StepResult> steps,
    Map<String, Object> outputs,
    Verdict verdict,
    String message,
    Coverage coverage,
    Exchange control,
    List<CapturedLog> forkLogs) {
  public RunResult {
    requireNonNull(runId, "runId");
    requireNonNull(skill, "skill");
    requireNonNull(target, "target");
    requireNonNull(verdict, "verdict");
    requireNonNull(message, "message");
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    steps = List.copyOf(steps);
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    forkLogs = List.copyOf(forkLogs);
  }

  /**
   * The skill that ran.
   *
   * @param name its name
   * @param version its version
   * @param digest {@code sha256:<hex>} of its file
   * @param file its file as reports name it: relative to the environment's folder, or {@code
   *     skill-dir:<folder name>/<file>} for a skill outside it; never absolute
   */
  public record SkillRef(String name, String version, String digest, String file) {}

  /**
   * What a run targeted.
   *
   * @param environment the environment's name
   * @param sandbox the sandbox name, or null for the baseline
   * @param routingKey the sandbox's key, or null
   * @param forkedServices the services the sandbox forks
   */
  public record Target(
      String environment, String sandbox, String routingKey, List<String> forkedServices) {}
}
