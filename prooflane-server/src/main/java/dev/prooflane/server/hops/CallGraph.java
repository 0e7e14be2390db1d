package dev.prooflane.server.hops;

import dev.prooflane.routing.HopRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who calls whom, learned from hops: within a trace, a hop's caller is the service of the narrowest
 * other hop whose exchange began no later and ended no earlier (the request that was being served
 * when this one was sent); a hop with no such hop, or no trace, was sent from outside the
 * environment ({@value #CLIENT}); a message consumption came from its topic ({@value #TOPIC}NAME).
 *
 * @param nodes every service of the environment, then each caller outside it that was seen
 * @param edges each caller and callee pair seen, with how many of its hops a sandbox served
 */
public record CallGraph(List<Node> nodes, List<Edge> edges) {
  /** The caller of a hop that came from outside the environment. */
  public static final String CLIENT = "client";

  /** The prefix of the caller of a message consumption: the topic. */
  public static final String TOPIC = "topic:";

  public CallGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** The graph of {@code hops} over the environment's {@code services}. */
  public static CallGraph of(List<HopRecord> hops, Collection<String> services) {
    Map<String, Counts> nodes = new LinkedHashMap<>();
    services.forEach(s -> nodes.put(s, new Counts("service")));
    Map<String, List<HopRecord>> traces = new LinkedHashMap<>();
    for (HopRecord hop : hops) {
      if (hop.traceId() != null && hop.record() == null) {
        traces.computeIfAbsent(hop.traceId(), t -> new ArrayList<>()).add(hop);
      }
    }
    Map<List<String>, Counts> edges = new TreeMap<>(CallGraph::compare);
    for (HopRecord hop : hops) {
      String from = caller(hop, hop.traceId() == null ? List.of() : traces.get(hop.traceId()));
      boolean sandbox = servedBySandbox(hop);
      nodes.computeIfAbsent(hop.service(), s -> new Counts("service")).add(sandbox);
      nodes.computeIfAbsent(from, CallGraph::kindOf);
      edges.computeIfAbsent(List.of(from, hop.service()), e -> new Counts("edge")).add(sandbox);
    }
    return new CallGraph(
        nodes.entrySet().stream()
            .map(
                e ->
                    new Node(
                        e.getKey(), e.getValue().kind, e.getValue().calls, e.getValue().sandbox))
            .toList(),
        edges.entrySet().stream()
            .map(
                e ->
                    new Edge(
                        e.getKey().get(0),
                        e.getKey().get(1),
                        e.getValue().calls,
                        e.getValue().sandbox))
            .toList());
  }

  private static String caller(HopRecord hop, List<HopRecord> trace) {
    if (hop.record() != null) {
      return TOPIC + hop.path();
    }
    HopRecord narrowest = null;
    for (HopRecord other : trace) {
      if (other.seq() != hop.seq()
          && start(other) <= start(hop)
          && start(other) + other.durationMicros() >= start(hop) + hop.durationMicros()
          && (narrowest == null || other.durationMicros() < narrowest.durationMicros())) {
        narrowest = other;
      }
    }
    return narrowest == null ? CLIENT : narrowest.service();
  }

  private static long start(HopRecord hop) {
    return hop.time().getEpochSecond() * 1_000_000L + hop.time().getNano() / 1_000;
  }

  private static boolean servedBySandbox(HopRecord hop) {
    return !HopRecord.BASELINE.equals(hop.destination())
        && !HopRecord.REFUSED.equals(hop.destination());
  }

  private static Counts kindOf(String name) {
    return new Counts(name.startsWith(TOPIC) ? "topic" : CLIENT);
  }

  private static int compare(List<String> a, List<String> b) {
    int from = a.get(0).compareTo(b.get(0));
    return from != 0 ? from : a.get(1).compareTo(b.get(1));
  }

  /**
   * A service, or a caller outside the environment.
   *
   * @param service its name: a service's, {@value #CLIENT}, or {@value #TOPIC}NAME
   * @param kind {@code service}, {@code client} or {@code topic}
   * @param calls the hops it served
   * @param sandboxCalls of those, how many a sandbox's fork served
   */
  public record Node(String service, String kind, long calls, long sandboxCalls) {}

  /**
   * Calls from one caller to one service.
   *
   * @param from the caller
   * @param to the service called
   * @param calls how many hops
   * @param sandboxCalls of those, how many a sandbox's fork served
   */
  public record Edge(String from, String to, long calls, long sandboxCalls) {}

  private static final class Counts {
    final String kind;
    long calls;
    long sandbox;

    Counts(String kind) {
      this.kind = kind;
    }

    void add(boolean bySandbox) {
      calls++;
      if (bySandbox) {
        sandbox++;
      }
    }
  }
}
