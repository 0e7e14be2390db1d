package dev.prooflane.actions.core;

/**
 * A governed, deterministic primitive a skill step runs: it reads typed inputs, does one thing, and
 * returns a verdict with outputs and evidence. Implementations are stateless and thread-safe.
 */
public interface Action {
  /** Its name, summary and typed inputs and outputs, for the catalog agents read. */
  ActionDescriptor descriptor();

  /**
   * Runs once. Expected failures are a FAIL result with assertions; an input problem throws {@link
   * ActionInputException}; anything else thrown ends the step with ERROR.
   */
  ActionResult run(ActionInput input, ActionContext context) throws Exception;
}
