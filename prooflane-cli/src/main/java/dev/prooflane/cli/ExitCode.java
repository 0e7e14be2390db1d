package dev.prooflane.cli;

import dev.prooflane.actions.core.Verdict;
import dev.prooflane.server.client.DaemonClientException;

/** The fixed exit codes of every command (documented in docs/cli.md). */
public final class ExitCode {
  /** Success. */
  public static final int OK = 0;

  /** A validation ran and failed. */
  public static final int FAILED = 1;

  /** Bad usage or bad input (an invalid spec, an unknown option). */
  public static final int USAGE = 2;

  /** The daemon is unreachable, or the state forbids the request (not found, conflict). */
  public static final int STATE = 3;

  /** A bug or an unexpected error. */
  public static final int INTERNAL = 4;

  private ExitCode() {}

  /**
   * The code of a run's or a validation's verdict, the one mapping every command uses: 0 PASS, 1
   * FAIL, 3 otherwise.
   */
  public static int of(Verdict verdict) {
    return switch (verdict) {
      case PASS -> OK;
      case FAIL -> FAILED;
      case ERROR, INCONCLUSIVE, SKIPPED -> STATE;
    };
  }

  /**
   * The code of a verdict as the API writes it ({@code PASS}, ...), or of a run that did not finish
   * (null), 3.
   */
  static int ofVerdict(String verdict) {
    for (Verdict v : Verdict.values()) {
      if (v.name().equals(verdict)) {
        return of(v);
      }
    }
    return STATE;
  }

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
