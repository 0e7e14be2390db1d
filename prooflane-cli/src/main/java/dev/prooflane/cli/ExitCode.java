package dev.prooflane.cli;

import dev.prooflane.actions.core.Verdict;
import dev.prooflane.server.client.DaemonClientException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed exit codes of every command (documented in docs/cli.md): a verdict has a code of its
 * own, never shared with an error of the command itself.
 */
public final class ExitCode {
  /** Success; the verdict PASS. */
  public static final int OK = 0;

  /** A check failed: the verdict FAIL, a report that is not authentic, a broken audit log. */
  public static final int FAILED = 1;

  /** Bad usage or bad input (an invalid spec, an unknown option). */
  public static final int USAGE = 2;

  /** The daemon is unreachable, or the state forbids the request (not found, conflict). */
  public static final int STATE = 3;

  /** A bug or an unexpected error. */
  public static final int INTERNAL = 4;

  /**
   * The verdict INCONCLUSIVE: nothing failed, but nothing was proved (the change not exercised).
   */
  public static final int INCONCLUSIVE = 5;

  /** The verdict ERROR: a run could not complete (an action could not run, or it never ended). */
  public static final int ERROR = 6;

  private ExitCode() {}

  /** The table that {@code --help} of every command ends with: code, meaning. */
  static Map<String, String> table() {
    Map<String, String> table = new LinkedHashMap<>();
    table.put(Integer.toString(OK), "ok; the verdict PASS");
    table.put(
        Integer.toString(FAILED), "the verdict FAIL, or a check failed (verify, audit verify)");
    table.put(Integer.toString(USAGE), "usage or invalid input");
    table.put(
        Integer.toString(STATE),
        "daemon or cluster unreachable, or bad state (not found, conflict)");
    table.put(Integer.toString(INTERNAL), "internal error");
    table.put(
        Integer.toString(INCONCLUSIVE),
        "the verdict INCONCLUSIVE: nothing failed, but the change was not exercised");
    table.put(Integer.toString(ERROR), "the verdict ERROR: a run could not complete");
    return table;
  }

  /**
   * The code of a run's or a validation's verdict, the one mapping every command uses: 0 PASS, 1
   * FAIL, 5 INCONCLUSIVE (and SKIPPED, which proves nothing either), 6 ERROR.
   */
  public static int of(Verdict verdict) {
    return switch (verdict) {
      case PASS -> OK;
      case FAIL -> FAILED;
      case INCONCLUSIVE, SKIPPED -> INCONCLUSIVE;
      case ERROR -> ERROR;
    };
  }

  /**
   * The code of a verdict as the API writes it ({@code PASS}, ...); a run that did not finish
   * (null) or a verdict this CLI does not know is 6, like ERROR: it could not complete.
   */
  static int ofVerdict(String verdict) {
    for (Verdict v : Verdict.values()) {
      if (v.name().equals(verdict)) {
        return of(v);
      }
    }
    return ERROR;
  }

  /**
   * The code of a failed call to the daemon: 2 for a refused request (400), 3 when the daemon is
   * unreachable, refuses the state (401, 403, 404, 409, 422, 429) or cannot use it (502, 503 {@code
   * state_unavailable}, 507 {@code insufficient_storage}: nothing changed), 4 for any other 5xx, a
   * daemon bug.
   */
  static int of(DaemonClientException e) {
    return switch (e.status()) {
      case 400 -> USAGE;
      case 502, 503, 507 -> STATE;
      default -> e.status() >= 500 ? INTERNAL : STATE;
    };
  }
}
