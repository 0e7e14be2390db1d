package dev.prooflane.actions.engine;

import dev.prooflane.actions.core.StepResult;

/** Progress of a run, for people watching it. */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  default void stepStarted(String id, String action) {}

  /** A step ended; its secrets are already redacted. */
  default void stepFinished(StepResult result) {}

  /**
   * The policy refused step {@code stepId} (or a request or action inside it), before the refused
   * thing ran; the step ends with ERROR.
   *
   * @param rule the rule, such as {@code writes}
   * @param message the refusal, naming the rule and the fix
   */
  default void policyRefused(String stepId, String rule, String message) {}
}
