package dev.prooflane.actions.core;

import java.net.URI;

/**
 * The run's check of every request an action sends, before it is sent: the policy's write guard,
 * its {@code http.allow} rules and its limits, with the run's request count. One per run;
 * thread-safe. The engine's guard is the policy's {@code RunGuard}.
 */
public interface RequestGuard {
  /**
   * Admits one request of step {@code stepId} to a service of the environment; counts it.
   *
   * @param keyed whether it carries the sandbox's routing key
   * @throws RuntimeException the policy's refusal ({@code PolicyRefusedException}, naming the rule
   *     and the fix): the request must not be sent
   */
  void admitRequest(String stepId, String method, String service, String path, boolean keyed);

  /**
   * Admits one request of step {@code stepId} to an external host by URL: the host, every address
   * {@code resolver} gives for it, then the request limit; counts it.
   *
   * @return where to connect: exactly the address that was checked
   * @throws RuntimeException the policy's refusal ({@code PolicyRefusedException}, naming the rule
   *     and the fix): the request must not be sent
   */
  Destination admitUrl(String stepId, String method, URI url, HostResolver resolver);

  /** The most bytes of a response body kept. */
  int bytesPerResponse();
}
