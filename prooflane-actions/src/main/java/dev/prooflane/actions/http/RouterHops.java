package dev.prooflane.actions.http;

import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.RuntimeAccess;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The hops the router recorded for one request sent through it, found by the request's trace id:
 * what the {@code http}, {@code grpc} and {@code diff} actions report as {@code hops} and {@code
 * servedBy}.
 */
public final class RouterHops {
  /** The router records a hop just after it answers: how long to look for it. */
  private static final long HOP_WAIT_MILLIS = 300;

  /** How long a call waits at most for hops of its trace the router is still forwarding. */
  private static final long IN_FLIGHT_WAIT_MILLIS = 5_000;

  private RouterHops() {}

  /**
   * The hops of this trace in the order they arrived, waiting briefly until the addressed service's
   * own hop is recorded and no hop of the trace is still in flight at the router.
   *
   * @param cursor the router's hop cursor taken before the request was sent
   * @param traceId the request's trace id, or null (then there are none to find)
   * @param service the service the request addressed
   */
  public static List<HopEntry> await(
      RuntimeAccess runtime, long cursor, String traceId, String service, ActionContext context)
      throws InterruptedException {
    if (traceId == null) {
      return List.of();
    }
    long now = System.nanoTime();
    long half = context.remaining().toNanos() / 2;
    long deadline = now + Math.min(HOP_WAIT_MILLIS * 1_000_000, half);
    long inFlightDeadline = now + Math.min(IN_FLIGHT_WAIT_MILLIS * 1_000_000, half);
    // The router records a hop just after it writes the response: usually within a millisecond.
    long pauseMicros = 200;
    while (true) {
      List<HopEntry> hops =
          runtime.hopsSince(cursor).stream()
              // a consumer's hop of a record the request published shares its trace, but is no
              // hop of the request: it comes whenever the consumer polls (kafka.expect waits for
              // it)
              .filter(h -> h.record() == null && traceId.equals(h.traceId()))
              .toList();
      boolean addressed = hops.stream().anyMatch(h -> h.service().equals(service));
      // Any hop may be recorded after the answer arrived here, an inner one even after the
      // addressed one (its router thread was slower): the trace's hops still in flight are waited
      // for, longer than a hop the router never saw.
      long at = System.nanoTime();
      if ((!runtime.hopsInFlight(traceId) && (addressed || at >= deadline))
          || at >= inFlightDeadline) {
        return hops.stream().sorted(HopPath.ARRIVAL).toList();
      }
      LockSupport.parkNanos(pauseMicros * 1_000);
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while waiting for the router's hop records");
      }
      pauseMicros = Math.min(pauseMicros * 2, 10_000);
    }
  }

  /**
   * {@code baseline} or the sandbox that served {@code service} (its first hop in {@code hops}), or
   * null when the router recorded no hop for it.
   */
  public static String servedBy(List<HopEntry> hops, String service) {
    return hops.stream()
        .filter(h -> h.service().equals(service))
        .map(HopEntry::destination)
        .findFirst()
        .orElse(null);
  }
}
