package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

/**
 * Where a sandbox's fork of one service receives traffic: a running upstream, or nowhere (and why).
 */
public sealed interface ForkTarget permits ForkTarget.Running, ForkTarget.Down {

  /** The fork is up; keyed requests for the service go to {@code upstream}. */
  record Running(Upstream upstream) implements ForkTarget {
    public Running {
      requireNonNull(upstream, "upstream");
    }
  }

  /**
   * The fork exists but cannot take traffic; keyed requests get {@code 503} and are never sent to
   * the baseline.
   *
   * @param reason shown to the caller, for example {@code "fork 'pricing' is starting"}
   */
  record Down(String reason) implements ForkTarget {
    public Down {
      requireNonNull(reason, "reason");
    }
  }
}
