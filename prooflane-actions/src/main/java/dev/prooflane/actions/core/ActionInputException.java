package dev.prooflane.actions.core;

import dev.prooflane.model.ProoflaneException;

/**
 * A step's {@code with:} is wrong: the message names the field, what was given and what is
 * expected.
 */
public final class ActionInputException extends ProoflaneException {
  private static final long serialVersionUID = 1L;

  public ActionInputException(String message) {
    super(message);
  }
}
