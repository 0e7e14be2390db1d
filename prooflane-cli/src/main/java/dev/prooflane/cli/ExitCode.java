package dev.prooflane.cli;

import dev.prooflane.server.client.DaemonClientException;

/** The fixed exit codes of every command (documented in docs/cli.md). */
final class ExitCode {
  /** Success. */
  static final int OK = 0;

  /** A validation ran and failed. */
  static final int FAILED = 1;

  /** Bad usage or bad input (an invalid spec, an unknown option). */
  static final int USAGE = 2;

  /** The daemon is unreachable, or the state forbids the request (not found, conflict). */
  static final int STATE = 3;

  /** A bug or an unexpected error. */
  static final int INTERNAL = 4;

  private ExitCode() {}

  /**
   * The code of a failed call to the daemon: 2 for a refused request, 4 for a daemon bug, 3
   * otherwise (unreachable, not found, conflict).
   */
  static int of(DaemonClientException e) {
    int status = e.status();
    if (status == 400) {
      return USAGE;
    }
    if (status >= 500 && status != 502 && status != 503) {
      return INTERNAL;
    }
    return STATE;
  }
}
