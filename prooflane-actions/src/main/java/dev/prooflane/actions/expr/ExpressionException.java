package dev.prooflane.actions.expr;

import dev.prooflane.model.ProoflaneException;

/** An expression failed to evaluate; the message names where it stands and why. */
public final class ExpressionException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String location;

  public ExpressionException(String location, String message) {
    super(location + ": " + message);
    this.location = location;
  }

  /** Where the expression stands: {@code file:line field}. */
  public String location() {
    return location;
  }
}
