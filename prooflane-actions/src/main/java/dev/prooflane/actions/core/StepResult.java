package dev.prooflane.actions.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The result of one step as the run records it.
 *
 * @param id the step id (nested steps are {@code parent.child})
 * @param action the action it ran
 * @param verdict its verdict
 * @param message a one-line summary
 * @param inputs the evaluated {@code with:} (for the report), or empty when it could not be
 *     evaluated
 * @param outputs its outputs
 * @param assertions everything it checked
 * @param exchanges HTTP evidence
 * @param logs captured log lines
 * @param children nested step results (a called skill)
 * @param durationMillis how long it took
 * @param location where the step stands in its skill file
 */
public record StepResult(
    String id,
    String action,
    Verdict verdict,
    String message,
    Map<String, Object> inputs,
    Map<String, Object> outputs,
    List<Assertion> assertions,
    List<Exchange> exchanges,
    List<CapturedLog> logs,
    List<StepResult> children,
    long durationMillis,
    String location) {
  public StepResult {
    requireNonNull(id, "id");
    requireNonNull(action, "action");
    requireNonNull(verdict, "verdict");
    requireNonNull(message, "message");
    inputs =
        inputs == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    assertions = List.copyOf(assertions);
    exchanges = List.copyOf(exchanges);
    logs = List.copyOf(logs);
    children = List.copyOf(children);
    requireNonNull(location, "location");
  }

  /**
   * A step that did not run.
   *
   * @param why why not, such as {@code condition is false: ...}
   */
  public static StepResult skipped(String id, String action, String location, String why) {
    return new StepResult(
        id,
        action,
        Verdict.SKIPPED,
        why,
        Map.of(),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        0,
        location);
  }

  /**
   * A step that ended with ERROR without a result of its action: refused, timed out, or its action
   * threw.
   *
   * @param inputs its evaluated {@code with:}, or empty when the step ended before
   * @param why what went wrong and what to do
   */
  public static StepResult error(
      String id,
      String action,
      String location,
      Map<String, Object> inputs,
      String why,
      long durationMillis) {
    return new StepResult(
        id,
        action,
        Verdict.ERROR,
        why,
        inputs,
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        durationMillis,
        location);
  }

  /** A step whose action returned {@code result}: its verdict, message, outputs and evidence. */
  public static StepResult finished(
      String id,
      String action,
      String location,
      Map<String, Object> inputs,
      ActionResult result,
      long durationMillis) {
    return new StepResult(
        id,
        action,
        result.verdict(),
        result.message(),
        inputs,
        result.outputs(),
        result.assertions(),
        result.exchanges(),
        result.logs(),
        result.children(),
        durationMillis,
        location);
  }
}
