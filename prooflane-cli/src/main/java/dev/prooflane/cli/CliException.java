package dev.prooflane.cli;

import dev.prooflane.model.ProoflaneException;

/** An error a command reports as one line and an exit code. */
final class CliException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
