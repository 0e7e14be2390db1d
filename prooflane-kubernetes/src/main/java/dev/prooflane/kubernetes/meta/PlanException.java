package dev.prooflane.kubernetes.meta;

import dev.prooflane.model.ProoflaneException;

/**
 * A sandbox cannot be planned against its baseline (a Deployment or Service is missing, a container
 * named in a customization does not exist); the message says what to fix.
 */
public final class PlanException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String sandbox;

  public PlanException(String sandbox, String message) {
    super(message);
    this.sandbox = sandbox;
  }

  /** The sandbox being planned, as {@code namespace/name}. */
  public String sandbox() {
    return sandbox;
  }
}
