package dev.prooflane.actions.core;

/** The outcome of a step or a run. */
public enum Verdict {
  /** Everything checked held, and (for a run against a sandbox) the change was exercised. */
  PASS,
  /** Something checked did not hold. */
  FAIL,
  /** The action could not run (bad input, unreachable service, refused, timed out). */
  ERROR,
  /**
   * Nothing failed, but the run cannot prove anything: the forked code received no keyed traffic.
   */
  INCONCLUSIVE,
  /** The step did not run: its condition was false, or an earlier step failed. */
  SKIPPED
}
