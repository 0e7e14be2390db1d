package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.Destination;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.actions.core.RequestGuard;
import dev.prooflane.model.Durations;
import dev.prooflane.runtime.SandboxInfo;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The policy as one run applies it: counts the run's steps and requests against the limits and
 * checks each step and request before it happens. Thread-safe.
 */
public final class RunGuard implements RequestGuard {
  private final Policy policy;
  private final Optional<SandboxInfo> sandbox;
  private final AtomicInteger steps = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  private RunGuard(Policy policy, Optional<SandboxInfo> sandbox) {
    this.policy = requireNonNull(policy, "policy");
    this.sandbox = requireNonNull(sandbox, "sandbox");
  }

  /** A guard for one run of {@code policy} against {@code sandbox} (empty: the baseline). */
  public static RunGuard of(Policy policy, Optional<SandboxInfo> sandbox) {
    return new RunGuard(policy, sandbox);
  }

  public Policy policy() {
    return policy;
  }

  /**
   * Admits step {@code stepId} running {@code action} for up to {@code timeout}; counts it.
   *
   * @param explicitTimeout whether the skill set the timeout (else it is the engine's default)
   * @throws PolicyRefusedException when the action is disabled or a limit would be passed
   */
  public void admitStep(String stepId, String action, Duration timeout, boolean explicitTimeout) {
    policy.checkAction("step '" + stepId + "'", action);
    Limits limits = policy.limits();
    if (explicitTimeout && timeout.compareTo(limits.stepTimeout()) > 0) {
      throw new PolicyRefusedException(
          "limits.stepTimeout",
          "step '"
              + stepId
              + "' asks for timeout "
              + Durations.format(timeout)
              + ", more than the limit of "
              + Durations.format(limits.stepTimeout())
              + "; lower the step's timeout or raise limits.stepTimeout");
    }
    int n = steps.incrementAndGet();
    if (n > limits.stepsPerRun()) {
      throw new PolicyRefusedException(
          "limits.stepsPerRun",
          "step '"
              + stepId
              + "' would be step "
              + n
              + " of the run, over the limit of "
              + limits.stepsPerRun()
              + "; split the skill or raise limits.stepsPerRun");
    }
  }

  /** The time a step gets: its own, or the engine's default bounded by the limit. */
  public Duration stepTimeout(Optional<Duration> own, Duration engineDefault) {
    return own.orElse(min(engineDefault, policy.limits().stepTimeout()));
  }

  /** The longest the run may take: the engine's bound or the policy's, whichever is shorter. */
  public Duration runDuration(Duration engineBound) {
    return min(engineBound, policy.limits().runDuration());
  }

  /**
   * Admits an action run inside a step (by {@code wait}): it must be enabled.
   *
   * @throws PolicyRefusedException when it is not
   */
  public void admitAction(String stepId, String action) {
    policy.checkAction("step '" + stepId + "'", action);
  }

  /**
   * Admits one HTTP request of the run: the write guard, then the request limit; counts it.
   *
   * @throws PolicyRefusedException naming the rule and the fix
   */
  @Override
  public void admitRequest(
      String stepId, String method, String service, String path, boolean keyed) {
    policy.writes().check(method, service, path, keyed, sandbox);
    count(stepId, method + " " + service);
  }

  private void count(String stepId, String request) {
    int n = requests.incrementAndGet();
    if (n > policy.limits().requestsPerRun()) {
      throw new PolicyRefusedException(
          "limits.requestsPerRun",
          "step '"
              + stepId
              + "': "
              + request
              + " would be request "
              + n
              + " of the run, over the limit of "
              + policy.limits().requestsPerRun()
              + "; send fewer requests (fewer wait attempts?) or raise limits.requestsPerRun");
    }
  }

  /**
   * Admits one HTTP request of the run to an external host by URL: {@code http.allow}, the
   * addresses the host resolves to, then the request limit; counts it.
   *
   * @return where to connect: exactly the address that was checked
   * @throws PolicyRefusedException naming the rule and the fix
   */
  @Override
  public Destination admitUrl(
      String stepId, String method, java.net.URI url, HostResolver resolver) {
    Destination destination;
    try {
      destination = policy.egress().admit(method, url, resolver, policy.source());
    } catch (PolicyRefusedException e) {
      throw new PolicyRefusedException(e.rule(), "step '" + stepId + "': " + e.detail());
    }
    count(stepId, method + " " + url);
    return destination;
  }

  @Override
  public int bytesPerResponse() {
    return policy.limits().bytesPerResponse();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
