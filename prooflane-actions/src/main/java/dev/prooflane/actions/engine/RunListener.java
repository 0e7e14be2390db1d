package dev.prooflane.actions.engine;

import dev.prooflane.actions.core.StepResult;

/** Progress of a run, for people watching it. */
public interface RunListener {
  RunListener NONE = new RunListener() {};

  default void stepStarted(String id, String action) {}

  default void stepFinished(StepResult result) {}
}
