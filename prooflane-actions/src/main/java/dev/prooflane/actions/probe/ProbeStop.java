package dev.prooflane.actions.probe;

import static java.util.Objects.requireNonNull;

import dev.prooflane.runtime.PropagationDrop;
import java.util.List;

/**
 * Where a probe's key stopped: a service that received it and called other services without it.
 *
 * @param service the service that dropped the key
 * @param destination {@code baseline} or the sandbox that served it
 * @param method the method of the keyed request it was serving
 * @param path the path of that request
 * @param calledWithoutKey the services it called without the key, in order
 * @param traceKept true when those calls still carried the probe's trace (only the key was lost);
 *     false when they carried no or another trace
 * @param callSites the calls that dropped it, as the service's drop detector named them; empty when
 *     the service has no detector attached
 */
public record ProbeStop(
    String service,
    String destination,
    String method,
    String path,
    List<String> calledWithoutKey,
    boolean traceKept,
    List<PropagationDrop.CallSite> callSites) {
  public ProbeStop {
    requireNonNull(service, "service");
    requireNonNull(destination, "destination");
    calledWithoutKey = List.copyOf(calledWithoutKey);
    callSites = List.copyOf(callSites);
  }
}
