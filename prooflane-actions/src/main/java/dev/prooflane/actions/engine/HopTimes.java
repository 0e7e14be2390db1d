package dev.prooflane.actions.engine;

import dev.prooflane.runtime.HopEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Hops in time: a hop's {@code time} is when its request arrived and {@code durationMicros} how
 * long the router took to answer it, so a call a service made while serving a request arrived
 * within that request's span.
 */
final class HopTimes {
  private HopTimes() {}

  /**
   * The keyed request that was being served when {@code call} arrived: of {@code keyed}, the one
   * that arrived last among those whose span holds {@code call}'s arrival, in the same trace when
   * {@code sameTrace}. In the same trace, when no span holds it (clocks disagree by a little), the
   * last keyed hop that arrived before it. Null when there is none.
   */
  static HopEntry innermostCaller(HopEntry call, List<HopEntry> keyed, boolean sameTrace) {
    if (call.time() == null) {
      return null;
    }
    HopEntry caller = null;
    HopEntry before = null;
    for (HopEntry h : keyed) {
      if (h.seq() == call.seq()
          || h.time() == null
          || (sameTrace && !Objects.equals(h.traceId(), call.traceId()))
          || h.time().isAfter(call.time())) {
        continue;
      }
      before = h;
      if (!end(h).isBefore(call.time())) {
        caller = h;
      }
    }
    return caller != null ? caller : sameTrace ? before : null;
  }

  /** Whether a hop of {@code call}'s trace arrived before it: then it did not begin its trace. */
  static boolean hasEarlierHopOfItsTrace(HopEntry call, List<HopEntry> ordered) {
    if (call.traceId() == null) {
      return false;
    }
    for (HopEntry h : ordered) {
      if (h == call) {
        return false;
      }
      if (call.traceId().equals(h.traceId())) {
        return true;
      }
    }
    return false;
  }

  private static Instant end(HopEntry h) {
    return h.time().plusNanos(h.durationMicros() * 1_000);
  }
}
