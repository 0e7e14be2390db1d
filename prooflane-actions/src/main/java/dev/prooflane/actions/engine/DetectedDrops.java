package dev.prooflane.actions.engine;

import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.PropagationDrop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which drop records concern a dropper: those of its service and instance made while it served the
 * keyed request — of that request's trace when both know the trace, else by time (the record's time
 * within the request's span) — or, failing both, made during the hops at hand. A record from before
 * or after them (an earlier run with the same key) concerns nobody.
 */
final class DetectedDrops {
  /** How far apart the router's and a service's clock readings of one moment may be. */
  private static final Duration SLACK = Duration.ofMillis(50);

  private final List<PropagationDrop> records;
  private final Instant first;
  private final Instant last;

  /** The {@code records} of a key, against the {@code hops} (every hop at hand, any order). */
  DetectedDrops(List<PropagationDrop> records, List<HopEntry> hops) {
    this.records = List.copyOf(records);
    this.first =
        hops.stream()
            .map(HopEntry::time)
            .filter(Objects::nonNull)
            .min(Instant::compareTo)
            .orElse(null);
    this.last =
        hops.stream()
            .filter(h -> h.time() != null)
            .map(DetectedDrops::end)
            .max(Instant::compareTo)
            .orElse(null);
  }

  /** The records about the calls made while serving {@code keyedHop}, in the given order. */
  List<PropagationDrop> of(HopEntry keyedHop) {
    List<PropagationDrop> mine =
        records.stream()
            .filter(r -> r.service().equals(keyedHop.service()))
            .filter(r -> r.destination().equals(keyedHop.destination()))
            .toList();
    List<PropagationDrop> served = mine.stream().filter(r -> madeServing(r, keyedHop)).toList();
    if (!served.isEmpty() || first == null) {
      return served;
    }
    return mine.stream().filter(r -> within(r.time(), first, last)).toList();
  }

  /**
   * The records made during the hops at hand (from the first hop's arrival to the last one's end),
   * whoever made them: none when there are no hops.
   */
  List<PropagationDrop> duringHops() {
    if (first == null) {
      return List.of();
    }
    return records.stream().filter(r -> within(r.time(), first, last)).toList();
  }

  /**
   * Whether {@code r} was made while {@code keyedHop} was served: of its trace when both know their
   * trace, else by time.
   */
  private static boolean madeServing(PropagationDrop r, HopEntry keyedHop) {
    if (r.traceId() != null && keyedHop.traceId() != null) {
      return r.traceId().equals(keyedHop.traceId());
    }
    return keyedHop.time() != null && within(r.time(), keyedHop.time(), end(keyedHop));
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return t != null && !t.isBefore(from.minus(SLACK)) && !t.isAfter(to.plus(SLACK));
  }

  private static Instant end(HopEntry h) {
    return h.time().plusNanos(h.durationMicros() * 1_000);
  }
}
