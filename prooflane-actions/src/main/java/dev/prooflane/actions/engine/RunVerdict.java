package dev.prooflane.actions.engine;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.runtime.SandboxInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the steps of a run (or of a called skill) and its coverage make one verdict, and why. */
final class RunVerdict {
  private RunVerdict() {}

  /**
   * FAIL over ERROR over everything else; INCONCLUSIVE when every step was skipped or a forked
   * service received no keyed traffic; else PASS.
   *
   * @param coverage the run's coverage, or null for a baseline run or a called skill
   */
  static Verdict of(List<StepResult> steps, Coverage coverage) {
    if (steps.stream().anyMatch(s -> s.verdict() == Verdict.FAIL)) {
      return Verdict.FAIL;
    }
    if (steps.stream().anyMatch(s -> s.verdict() == Verdict.ERROR)) {
      return Verdict.ERROR;
    }
    if (steps.stream().allMatch(s -> s.verdict() == Verdict.SKIPPED)) {
      return Verdict.INCONCLUSIVE;
    }
    if (coverage != null && !coverage.allExercised()) {
      return Verdict.INCONCLUSIVE;
    }
    return Verdict.PASS;
  }

  /** The run's message: the first failing step, what was not exercised, or what passed. */
  static String message(
      Verdict verdict, List<StepResult> steps, Coverage coverage, Optional<SandboxInfo> sandbox) {
    return switch (verdict) {
      case FAIL, ERROR ->
          steps.stream()
              .filter(s -> s.verdict() == verdict)
              .findFirst()
              .map(s -> "step '" + s.id() + "' " + verdict + ": " + s.message())
              .orElse(verdict.name());
      case INCONCLUSIVE ->
          coverage != null && !coverage.allExercised()
              ? "the change was not exercised: no "
                  + (coverage.involvesRecords() ? "request or record" : "request")
                  + " carrying key "
                  + sandbox.get().key()
                  + " reached the forked service(s) "
                  + String.join(", ", coverage.unexercised())
                  + " of sandbox '"
                  + sandbox.get().name()
                  + "'; "
                  + coverage.whereTheKeyStopped()
                  + " (see: prooflane hops --key "
                  + sandbox.get().key()
                  + ")"
              : "no step ran";
      case PASS ->
          coverage == null
              ? "every step passed (against the baseline)"
              : "every step passed; keyed traffic reached "
                  + String.join(
                      ", ",
                      coverage.exercised().entrySet().stream()
                          .filter(Map.Entry::getValue)
                          .map(Map.Entry::getKey)
                          .toList())
                  + " in sandbox '"
                  + sandbox.get().name()
                  + "'";
      case SKIPPED -> "skipped";
    };
  }
}
