package dev.prooflane.actions.engine;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.http.HopPath;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.PropagationDrop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a run's routing key went and where it stopped, from the router's hop records and the
 * consumers' consumption hops (a keyed record a fork consumed exercises the fork): the services the
 * key reached, the last hop that carried it, and the services that received it but called a forked
 * service without it, with the call sites a drop detector named.
 *
 * @param reached each service a keyed hop reached, with the instance that served it, in the order
 *     the key first arrived there
 * @param lastKeyedHop the last hop that carried the key: the request a dropping service was serving
 *     when it called without the key, else the keyed hop that arrived last; null when no hop
 *     carried the key
 * @param drops the services suspected of dropping the key, in the order of their first keyed hop
 * @param unreached the forked services that no request reached during the run, keyed or not
 */
public record KeyTrail(
    List<Reached> reached,
    HopEntry lastKeyedHop,
    List<Drop> drops,
    List<String> unreached,
    List<PropagationDrop> otherDetected) {
  /** The trail of a run that sent nothing. */
  public static final KeyTrail EMPTY =
      new KeyTrail(List.of(), null, List.of(), List.of(), List.of());

  /** How many services a sentence lists before it says how many more. */
  private static final int LISTED = 8;

  public KeyTrail {
    reached = List.copyOf(reached);
    drops = List.copyOf(drops);
    unreached = List.copyOf(unreached);
    otherDetected = List.copyOf(otherDetected);
  }

  /**
   * A service the key reached.
   *
   * @param service the service
   * @param destination {@code baseline} or the sandbox that served it
   */
  public record Reached(String service, String destination) {
    public Reached {
      requireNonNull(service, "service");
      requireNonNull(destination, "destination");
    }
  }

  /**
   * A service that received the key but whose calls to forked services carried none: the suspected
   * dropper.
   *
   * @param service the service that received the key
   * @param destination {@code baseline} or the sandbox whose fork received it
   * @param keyedHop the first keyed request it was serving when it called without the key
   * @param unkeyedHops its calls, without the key, to forked services that the key never reached
   * @param sameTrace true when every such call carried the keyed request's trace id (only the key
   *     was lost); false when some carried no or another trace id and were matched by time, as
   *     calls that arrived while the keyed request was being served
   * @param detected the records of the service's drop detector about these calls (same trace, or
   *     made while the keyed request was served), oldest first; empty when it has none
   */
  public record Drop(
      String service,
      String destination,
      HopEntry keyedHop,
      List<HopEntry> unkeyedHops,
      boolean sameTrace,
      List<PropagationDrop> detected) {
    public Drop {
      requireNonNull(service, "service");
      requireNonNull(destination, "destination");
      requireNonNull(keyedHop, "keyedHop");
      unkeyedHops = List.copyOf(unkeyedHops);
      detected = List.copyOf(detected);
    }

    /** The services it called without the key, in order. */
    public List<String> calledWithoutKey() {
      return unkeyedHops.stream().map(HopEntry::service).distinct().toList();
    }

    /** The distinct call sites the drop detector named, in the order first seen. */
    public List<PropagationDrop.CallSite> callSites() {
      return detected.stream()
          .map(PropagationDrop::callSite)
          .filter(java.util.Objects::nonNull)
          .distinct()
          .toList();
    }
  }

  /**
   * The trail of {@code key} through {@code hops} (every hop the router recorded during the run): a
   * call without the key to one of the {@code unexercised} forked services is charged to the keyed
   * request that was being served when it arrived — the innermost one of the same trace, or of any
   * trace when the call carried no trace id or began a trace of its own (a request sent without the
   * key from the start, whose trace began earlier, is nobody's drop).
   */
  public static KeyTrail of(String key, Collection<String> unexercised, List<HopEntry> hops) {
    return of(key, unexercised, hops, List.of());
  }

  /**
   * As {@link #of(String, Collection, List)}, each dropper with the {@code records} of its drop
   * detector that concern it (see {@link DetectedDrops}).
   */
  public static KeyTrail of(
      String key,
      Collection<String> unexercised,
      List<HopEntry> hops,
      List<PropagationDrop> records) {
    requireNonNull(key, "key");
    List<HopEntry> ordered = hops.stream().sorted(HopPath.ARRIVAL).toList();
    List<HopEntry> keyed = ordered.stream().filter(h -> key.equals(h.routingKey())).toList();
    Set<Reached> reached = new LinkedHashSet<>();
    Set<String> traces = new LinkedHashSet<>();
    for (HopEntry h : keyed) {
      reached.add(new Reached(h.service(), h.destination()));
      if (h.traceId() != null) {
        traces.add(h.traceId());
      }
    }
    Map<String, DropBuilder> drops = new LinkedHashMap<>();
    for (HopEntry call : ordered) {
      if (call.routingKey() != null || !unexercised.contains(call.service())) {
        continue;
      }
      boolean inTrace = call.traceId() != null && traces.contains(call.traceId());
      if (!inTrace && HopTimes.hasEarlierHopOfItsTrace(call, ordered)) {
        continue; // part of a request that was sent without the key in the first place
      }
      if (!inTrace && call.record() != null) {
        continue; // a record is consumed whenever its consumer polls: time says nothing of who sent
        // it
      }
      HopEntry caller = HopTimes.innermostCaller(call, keyed, inTrace);
      if (caller != null) {
        drops
            .computeIfAbsent(
                caller.service() + "\n" + caller.destination(), k -> new DropBuilder(caller))
            .add(call, inTrace);
      }
    }
    DetectedDrops detected = new DetectedDrops(records, ordered);
    List<Drop> dropList = drops.values().stream().map(b -> b.build(detected)).toList();
    HopEntry last =
        !dropList.isEmpty()
            ? dropList.get(0).keyedHop()
            : keyed.isEmpty() ? null : keyed.get(keyed.size() - 1);
    List<String> unreached =
        unexercised.stream()
            .filter(s -> ordered.stream().noneMatch(h -> h.service().equals(s)))
            .sorted()
            .toList();
    Set<PropagationDrop> claimed = new LinkedHashSet<>();
    dropList.forEach(d -> claimed.addAll(d.detected()));
    List<PropagationDrop> others =
        detected.duringHops().stream().filter(r -> !claimed.contains(r)).toList();
    return new KeyTrail(new ArrayList<>(reached), last, dropList, unreached, others);
  }

  /**
   * Where the key stopped, in one clause: {@code the key reached frontend (baseline) and catalog
   * (baseline); catalog's calls to pricing carried no key: catalog (baseline) dropped it; last
   * keyed hop: catalog (baseline) GET /items/1 -> 200}.
   *
   * @param unexercised the forked services the key never reached
   */
  public String describe(Collection<String> unexercised) {
    if (lastKeyedHop == null) {
      return "no request carried the key during the run";
    }
    StringBuilder text = new StringBuilder("the key reached ");
    text.append(
        and(reached.stream().map(r -> r.service() + " (" + HopPath.where(r.destination()) + ")")));
    Set<String> explained = new LinkedHashSet<>(unreached);
    for (Drop d : drops) {
      explained.addAll(d.calledWithoutKey());
      text.append("; ")
          .append(d.service())
          .append(
              d.unkeyedHops().stream().allMatch(h -> h.record() != null)
                  ? "'s records to "
                  : "'s calls to ")
          .append(and(d.calledWithoutKey().stream()))
          .append(d.sameTrace() ? " carried no key: " : " carried neither the key nor its trace: ")
          .append(d.service())
          .append(" (")
          .append(HopPath.where(d.destination()))
          .append(") dropped it");
      List<PropagationDrop.CallSite> sites = d.callSites();
      if (!sites.isEmpty()) {
        text.append(" at ").append(sites.get(0));
        if (sites.size() > 1) {
          text.append(" (and ").append(sites.size() - 1).append(" more call sites)");
        }
      }
    }
    for (PropagationDrop r : otherDetected) {
      text.append("; the drop detector of ")
          .append(r.service())
          .append(" (")
          .append(HopPath.where(r.destination()))
          .append(") saw it send ")
          .append(r.outbound() == null ? "a call" : r.outbound().describe())
          .append(" without the key");
      if (r.callSite() != null) {
        text.append(" at ").append(r.callSite());
      }
    }
    if (!unreached.isEmpty()) {
      text.append("; no request reached ")
          .append(and(unreached.stream()))
          .append(" during the run, keyed or not");
    }
    List<String> unexplained =
        unexercised.stream().filter(s -> !explained.contains(s)).sorted().toList();
    if (!unexplained.isEmpty()) {
      text.append("; ")
          .append(and(unexplained.stream()))
          .append(unexplained.size() == 1 ? " was" : " were")
          .append(" called only without the key");
    }
    return text.append("; last keyed hop: ").append(hop(lastKeyedHop)).toString();
  }

  /**
   * {@code catalog (sandbox pr-42) GET /items/1 -> 200}; a consumption: {@code notifier (sandbox
   * pr-42) consumed orders/0@12 (group notifier-pr-42)}.
   */
  public static String hop(HopEntry h) {
    if (h.record() != null) {
      return h.service()
          + " ("
          + HopPath.where(h.destination())
          + ") consumed "
          + h.record().topic()
          + "/"
          + h.record().partition()
          + "@"
          + h.record().offset()
          + " (group "
          + h.record().group()
          + ")";
    }
    return h.service()
        + " ("
        + HopPath.where(h.destination())
        + ") "
        + h.method()
        + " "
        + h.path()
        + " -> "
        + h.status();
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}; more than eight end with how many in all. */
  private static String and(Stream<String> items) {
    List<String> all = items.toList();
    if (all.size() > LISTED) {
      return String.join(", ", all.subList(0, LISTED)) + " and " + (all.size() - LISTED) + " more";
    }
    if (all.size() <= 1) {
      return String.join("", all);
    }
    return String.join(", ", all.subList(0, all.size() - 1)) + " and " + all.get(all.size() - 1);
  }

  /** Collects one dropper's calls. */
  private static final class DropBuilder {
    private final HopEntry keyedHop;
    private final List<HopEntry> calls = new ArrayList<>();
    private boolean sameTrace = true;

    DropBuilder(HopEntry keyedHop) {
      this.keyedHop = keyedHop;
    }

    void add(HopEntry call, boolean inTrace) {
      calls.add(call);
      sameTrace &= inTrace;
    }

    Drop build(DetectedDrops detected) {
      return new Drop(
          keyedHop.service(),
          keyedHop.destination(),
          keyedHop,
          calls,
          sameTrace,
          detected.of(keyedHop));
    }
  }
}
