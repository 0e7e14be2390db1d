package dev.prooflane.server.hops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.RecordPosition;
import dev.prooflane.routing.HopRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallGraphTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aHopsCallerIsTheServiceOfTheNarrowestHopOfItsTraceThatEnclosesIt() {
    List<HopRecord> hops =
        List.of(
            // recorded when they end: the innermost first
            hop(1, "t1", "pricing", "pr-1", 1_000, 3_500),
            hop(2, "t1", "catalog", "baseline", 2_000, 3_000),
            hop(3, "t1", "orders", "baseline", 5_000, 500),
            hop(4, "t1", "gateway", "baseline", 9_000, 0),
            hop(5, null, "catalog", "baseline", 100, 20_000));

    CallGraph graph = CallGraph.of(hops, List.of("gateway", "orders", "catalog", "pricing"));

    assertThat(graph.edges())
        .containsExactly(
            new CallGraph.Edge("catalog", "pricing", 1, 1),
            new CallGraph.Edge("client", "catalog", 1, 0),
            new CallGraph.Edge("client", "gateway", 1, 0),
            new CallGraph.Edge("gateway", "orders", 1, 0),
            new CallGraph.Edge("orders", "catalog", 1, 0));
    assertThat(graph.nodes())
        .containsExactly(
            new CallGraph.Node("gateway", "service", 1, 0),
            new CallGraph.Node("orders", "service", 1, 0),
            new CallGraph.Node("catalog", "service", 2, 0),
            new CallGraph.Node("pricing", "service", 1, 1),
            new CallGraph.Node("client", "client", 0, 0));
  }

  @Test
  void aConsumptionComesFromItsTopicAndServicesWithoutHopsStayNodes() {
    HopRecord consumed =
        new HopRecord(
            1,
            T0,
            "t2",
            "k",
            "audit",
            "pr-2",
            "",
            "CONSUME",
            "orders",
            0,
            0,
            HopRecord.KAFKA,
            null,
            10,
            0,
            new RecordPosition("orders", 0, 7, "audit-group"));

    CallGraph graph = CallGraph.of(List.of(consumed), List.of("audit", "idle"));

    assertThat(graph.edges()).containsExactly(new CallGraph.Edge("topic:orders", "audit", 1, 1));
    assertThat(graph.nodes())
        .extracting(CallGraph.Node::service, CallGraph.Node::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("audit", "service"),
            org.assertj.core.groups.Tuple.tuple("idle", "service"),
            org.assertj.core.groups.Tuple.tuple("topic:orders", "topic"));
  }

  private static HopRecord hop(
      long seq, String trace, String service, String destination, long micros, long startMicros) {
    return new HopRecord(
        seq,
        T0.plusNanos(startMicros * 1_000),
        trace,
        null,
        service,
        destination,
        "127.0.0.1:1",
        "GET",
        "/",
        200,
        micros,
        HopRecord.HTTP1,
        null,
        0,
        0);
  }
}
