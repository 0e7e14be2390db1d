package dev.prooflane.actions.core;

import java.util.Set;

/**
 * A governed, deterministic primitive a skill step runs: it reads typed inputs, does one thing, and
 * returns a verdict with outputs and evidence. Implementations are stateless and thread-safe.
 */
public interface Action {
  /** Its name, summary and typed inputs and outputs, for the catalog agents read. */
  ActionDescriptor descriptor();

  /**
   * The fields of {@code with:} this action evaluates itself, later and with more variables (read
   * with {@link ActionInput#deferred}); the engine evaluates every other field once before the
   * action runs. None by default.
   */
  default Set<String> deferredFields() {
    return Set.of();
  }

  /**
   * Runs once. Expected failures are a FAIL result with assertions; an input problem throws {@link
   * ActionInputException}; anything else thrown ends the step with ERROR.
   */
  ActionResult run(ActionInput input, ActionContext context) throws Exception;
}
