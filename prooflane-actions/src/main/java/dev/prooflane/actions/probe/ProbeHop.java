package dev.prooflane.actions.probe;

import static java.util.Objects.requireNonNull;

import dev.prooflane.runtime.HopEntry;
import java.time.Instant;

/**
 * One hop of a probe's request, as the router recorded it, with what arrived there.
 *
 * @param seq the router's sequence number
 * @param time when the request arrived
 * @param service the service of the hop
 * @param destination {@code baseline} or the sandbox that served it
 * @param method the HTTP method
 * @param path the request path
 * @param status the status returned
 * @param durationMicros how long the hop took
 * @param keyArrived whether the request carried the probe's key
 * @param traceArrived whether the request carried the probe's trace (a {@code traceparent} of its
 *     trace id)
 * @param traceId the trace id the request carried, or null
 * @param matchedBy how the hop was found to be the probe's: {@code key}, {@code trace}, or {@code
 *     time} (it carried neither and arrived while a hop with the key was being served, so it may be
 *     another caller's request)
 */
public record ProbeHop(
    long seq,
    Instant time,
    String service,
    String destination,
    String method,
    String path,
    int status,
    long durationMicros,
    boolean keyArrived,
    boolean traceArrived,
    String traceId,
    String matchedBy) {
  public ProbeHop {
    requireNonNull(service, "service");
    requireNonNull(destination, "destination");
    requireNonNull(matchedBy, "matchedBy");
  }

  /** The hop {@code h} of a probe with {@code key} and {@code traceId}. */
  static ProbeHop of(HopEntry h, String key, String traceId) {
    boolean keyed = key.equals(h.routingKey());
    boolean traced = traceId.equals(h.traceId());
    return new ProbeHop(
        h.seq(),
        h.time(),
        h.service(),
        h.destination(),
        h.method(),
        h.path(),
        h.status(),
        h.durationMicros(),
        keyed,
        traced,
        h.traceId(),
        keyed ? "key" : traced ? "trace" : "time");
  }
}
