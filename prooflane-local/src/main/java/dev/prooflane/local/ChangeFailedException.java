package dev.prooflane.local;

import dev.prooflane.model.ProoflaneException;

/**
 * A change to the running baseline (a restart, an applied environment file) did not take effect: a
 * new instance did not become healthy. What ran before keeps running; the message says which
 * instance failed and why, with its last lines of output.
 */
public final class ChangeFailedException extends ProoflaneException {
  private static final long serialVersionUID = 1L;

  public ChangeFailedException(String message) {
    super(message);
  }
}
