package dev.prooflane.local;

import dev.prooflane.model.ProoflaneException;

/** A sandbox could not be brought up; the message says which fork failed and why. */
public final class SandboxFailedException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String sandbox;

  public SandboxFailedException(String sandbox, String message, Throwable cause) {
    super(message, cause);
    this.sandbox = sandbox;
  }

  public String sandbox() {
    return sandbox;
  }
}
