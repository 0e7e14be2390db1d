package dev.prooflane.actions.core;

import dev.prooflane.model.ProoflaneException;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What an action may use while it runs: the runtime, the run's target, and the engine. */
public interface ActionContext {
  /** The runtime the run targets. */
  RuntimeAccess runtime();

  /** The sandbox the run targets, or empty for a run against the baseline. */
  Optional<SandboxInfo> sandbox();

  /** The folder of the running skill, which relative files resolve against (and stay inside). */
  Path skillDir();

  /** The run's id. */
  String runId();

  /** The id of the running step, such as {@code quote} or {@code check_price.quote} when nested. */
  String stepId();

  /**
   * The position in the runtime's hop records when the run began: the run's hops come after it.
   * Zero (every hop recorded) for a context outside a run.
   */
  default long runHopCursor() {
    return 0;
  }

  /** When the run began; the epoch for a context outside a run. */
  default Instant runStarted() {
    return Instant.EPOCH;
  }

  /** How long the step may still take. */
  Duration remaining();

  /**
   * How long the step may still take, to do {@code what} (such as {@code call service 'pricing'}).
   *
   * @throws ProoflaneException when no time is left, saying what could not be done
   */
  default Duration timeLeft(String what) {
    Duration remaining = remaining();
    if (remaining.isZero() || remaining.isNegative()) {
      throw new ProoflaneException(
          "step '" + stepId() + "': no time left to " + what + " (raise the step's timeout:)");
    }
    return remaining;
  }

  /**
   * The log positions of a service's instance (its fork in {@code sandbox}, or the baseline) that
   * bound the run, or one earlier step of it.
   *
   * @param duringStep an earlier step's id, or empty for the whole run so far
   * @throws ActionInputException when the step has not run
   */
  LogWindow logWindow(String service, Optional<String> sandbox, Optional<String> duringStep);

  /** Runs another action with plain inputs (used by {@code wait}); bounded by this step's time. */
  ActionResult runAction(String action, Map<String, Object> with) throws Exception;

  /** Runs another skill by name with inputs (used by {@code skill}); its steps nest in this one. */
  ActionResult runSkill(String skill, Map<String, Object> inputs) throws Exception;

  /**
   * The run's guard: checks each request against the policy's write guard, egress rules and limits
   * before it is sent. A context that does not override it admits no request.
   */
  default RequestGuard guard() {
    throw new UnsupportedOperationException(
        "step '" + stepId() + "': this context admits no request (run the step in the engine)");
  }
}
