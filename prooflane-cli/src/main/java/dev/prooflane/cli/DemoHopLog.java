package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.HopQuery;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo's look at the router's hop log: the records of one trace, printed in call order. */
final class DemoHopLog {
  /** How long the hop log may take to hold every hop of a trace that was answered. */
  private static final long HOP_LOG_WAIT_MILLIS = 5_000;

  private final DaemonClient api;
  private final PrintWriter out;
  private final int services;

  /** Reads the log through {@code api}; a full trace has a hop of each of {@code services}. */
  DemoHopLog(DaemonClient api, PrintWriter out, int services) {
    this.api = api;
    this.out = out;
    this.services = services;
  }

  /**
   * Prints and returns the router's records of trace {@code traceId} of {@code key}, once it holds
   * one per service (or after {@value #HOP_LOG_WAIT_MILLIS} ms).
   */
  List<Map<String, Object>> trace(String key, String traceId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + HOP_LOG_WAIT_MILLIS;
    List<JsonNode> hops = new ArrayList<>();
    while (true) {
      hops.clear();
      for (JsonNode h : api.hops(HopQuery.ofKey(key, 10_000)).path("hops")) {
        if (traceId.equals(h.path("traceId").asText())) {
          hops.add(h);
        }
      }
      if (hops.size() >= services || System.currentTimeMillis() > deadline) {
        break;
      }
      Thread.sleep(50);
    }
    // the log is in the order exchanges ended; in arrival order it reads as the call chain
    hops.sort(
        Comparator.comparing((JsonNode h) -> Instant.parse(h.path("time").asText()))
            .thenComparingLong(h -> h.path("seq").asLong()));
    out.println("   trace " + traceId + " (key " + key + "), in arrival order:");
    List<Map<String, Object>> records = new ArrayList<>();
    for (JsonNode h : hops) {
      out.printf(
          "   %-9s -> %-15s %s %s%n",
          h.path("service").asText(),
          h.path("destination").asText(),
          HopsCommand.request(h),
          HopsCommand.status(h));
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("service", h.path("service").asText());
      record.put("destination", h.path("destination").asText());
      record.put("protocol", h.path("protocol").asText(null));
      record.put("method", h.path("method").asText());
      record.put("path", h.path("path").asText());
      record.put("status", h.path("status").asInt());
      record.put(
          "grpcStatus", h.path("grpcStatus").isNumber() ? h.get("grpcStatus").asInt() : null);
      records.add(record);
    }
    return records;
  }
}
