package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.client.HopQuery;
import dev.prooflane.server.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shows which instance served each hop of a key's requests, and which consumed each of its records.
 */
@Command(
    name = "hops",
    mixinStandardHelpOptions = true,
    description =
        "Show which code served each hop: per routing key, per sandbox, or the latest hops.")
final class HopsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin JsonMixin output;

  static final class Selector {
    @Option(
        names = "--key",
        paramLabel = "KEY",
        description = "Hops of requests carrying this key.")
    String key;

    @Option(names = "--sandbox", paramLabel = "NAME", description = "Hops of this sandbox's key.")
    String sandbox;
  }

  @ArgGroup(exclusive = true)
  Selector selector;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "At most this many, newest last (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    HopQuery query =
        selector == null
            ? HopQuery.latest(limit)
            : new HopQuery(selector.key, selector.sandbox, limit);
    JsonNode hops = state.client().hops(query);
    if (output.json) {
      out.println(Json.pretty(hops));
      return ExitCode.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("TIME", "TRACE", "KEY", "SERVICE", "SERVED BY", "STATUS", "MS", "REQUEST"));
    for (JsonNode h : hops.path("hops")) {
      String trace = h.path("traceId").asText("");
      rows.add(
          List.of(
              h.path("time").asText(),
              trace.length() > 8
                  ? trace.substring(0, 8)
                  : (trace.isEmpty() || "null".equals(trace) ? "-" : trace),
              h.path("routingKey").isNull() ? "-" : h.path("routingKey").asText(),
              h.path("service").asText(),
              h.path("destination").asText(),
              status(h),
              consumption(h)
                  ? "-"
                  : String.format("%.1f", h.path("durationMicros").asLong() / 1000.0),
              request(h)));
    }
    if (rows.size() == 1) {
      out.println(
          "no hops recorded"
              + (query.key() != null || query.sandbox() != null ? " for that key" : ""));
      return ExitCode.OK;
    }
    out.print(Console.table(rows));
    return ExitCode.OK;
  }

  /**
   * The status sent, with the gRPC status of a gRPC call: {@code 200 grpc=14}; {@code -} for a
   * consumption, which has none.
   */
  static String status(JsonNode hop) {
    if (consumption(hop)) {
      return "-";
    }
    JsonNode grpc = hop.path("grpcStatus");
    return hop.path("status").asText() + (grpc.isNumber() ? " grpc=" + grpc.asInt() : "");
  }

  /**
   * Method and path, with the protocol when it is not HTTP/1.1: {@code [grpc] POST /a.B/C}; for a
   * consumption, the record and the consumer's group: {@code [kafka] CONSUME orders/0@12 group
   * notifier-baseline}.
   */
  static String request(JsonNode hop) {
    if (consumption(hop)) {
      JsonNode record = hop.path("record");
      return "[kafka] CONSUME "
          + record.path("topic").asText()
          + "/"
          + record.path("partition").asInt()
          + "@"
          + record.path("offset").asLong()
          + " group "
          + record.path("group").asText();
    }
    String protocol = hop.path("protocol").asText("http/1.1");
    return (protocol.equals("http/1.1") ? "" : "[" + protocol + "] ")
        + hop.path("method").asText()
        + " "
        + hop.path("path").asText();
  }

  /** Whether {@code hop} is a record a consumer received rather than a request. */
  private static boolean consumption(JsonNode hop) {
    return hop.path("record").isObject();
  }
}
