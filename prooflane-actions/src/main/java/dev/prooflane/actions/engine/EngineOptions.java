package dev.prooflane.actions.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Bounds of a run.
 *
 * @param stepTimeout a step's time when its skill gives none
 * @param runTimeout the longest a run may take; later steps end with ERROR
 * @param maxDepth how deep skills may call skills
 */
public record EngineOptions(Duration stepTimeout, Duration runTimeout, int maxDepth) {
  public static final EngineOptions DEFAULT =
      new EngineOptions(Duration.ofSeconds(30), Duration.ofMinutes(10), 8);

  public EngineOptions {
    requireNonNull(stepTimeout, "stepTimeout");
    requireNonNull(runTimeout, "runTimeout");
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: >= 1)");
    }
  }
}
