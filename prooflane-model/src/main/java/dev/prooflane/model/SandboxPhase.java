package dev.prooflane.model;

/** Where a sandbox is in its life. */
public enum SandboxPhase {
  /**
   * Forks are starting; the routes are installed with every fork down, so keyed requests get 503
   * (never the baseline).
   */
  STARTING,
  /** Every fork is healthy and its routes are installed: keyed requests reach the forks. */
  READY,
  /** A fork is not running; keyed requests to it get 503 (never the baseline). */
  DEGRADED,
  /** The sandbox could not be brought up; see its message. */
  FAILED,
  /** Routes are removed and forks are stopping. */
  DELETING
}
