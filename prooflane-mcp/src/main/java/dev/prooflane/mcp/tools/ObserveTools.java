package dev.prooflane.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.mcp.tools.Tool.Effect;
import dev.prooflane.server.client.HopQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Tools that look at the running system: services, logs, and the router's hop log. */
final class ObserveTools {
  private ObserveTools() {}

  static List<Tool> all() {
    return List.of(listServices(), getLogs(), getHops());
  }

  static Tool listServices() {
    return new Tool(
        "list_services",
        "List services",
        "Lists the baseline services of the environment with their router URLs (send requests"
            + " there, never to instance ports) and states. Fork these by name in create_sandbox.",
        Schema.object(),
        Schema.open("the services")
            .required(
                "services",
                Schema.array(
                    "per service: name, routerUrl, state, pid, message", Schema.open("a service"))),
        Effect.READ,
        (args, daemon) -> {
          JsonNode body = daemon.services();
          List<String> lines = new ArrayList<>();
          for (JsonNode s : body.path("services")) {
            String message = s.path("message").asText("");
            lines.add(
                "- "
                    + s.path("name").asText()
                    + ": "
                    + s.path("state").asText()
                    + ", "
                    + s.path("routerUrl").asText()
                    + (message.isEmpty() ? "" : " (" + message + ")"));
          }
          return ToolResult.ok(
              body,
              lines.size()
                  + " baseline service(s); send requests to the router URL:\n"
                  + String.join("\n", lines));
        });
  }

  static Tool getLogs() {
    return new Tool(
        "get_logs",
        "Read a service's logs",
        "The last lines a service wrote: its baseline instance, or its fork in a sandbox. Read a"
            + " fork's logs when a sandbox fails to start or a skill fails.",
        Schema.object()
            .required("service", Schema.name("the service name (see list_services)"))
            .optional(
                "sandbox",
                Schema.name("read the fork in this sandbox (default: the baseline instance)"))
            .optional(
                "tail",
                Schema.integer("how many lines, newest last").range(1, 5000).defaultValue(50)),
        Schema.open("the log lines")
            .optional("service", Schema.string("the service"))
            .optional("sandbox", Schema.string("the sandbox (absent for the baseline)"))
            .required(
                "lines",
                Schema.array("seq, time, stream (stdout|stderr), text", Schema.open(null))),
        Effect.READ,
        (args, daemon) -> {
          JsonNode body =
              daemon.logs(
                  args.string("service"),
                  args.optionalString("sandbox").orElse(null),
                  args.integer("tail", 50));
          StringBuilder text = new StringBuilder();
          text.append(body.path("lines").size())
              .append(" line(s) of ")
              .append(args.string("service"))
              .append(
                  args.optionalString("sandbox").map(s -> " in sandbox " + s).orElse(" (baseline)"))
              .append(":");
          for (JsonNode line : body.path("lines")) {
            text.append("\n")
                .append("stderr".equals(line.path("stream").asText()) ? "E " : "  ")
                .append(line.path("text").asText());
          }
          return ToolResult.ok(body, text.toString());
        });
  }

  static Tool getHops() {
    return new Tool(
        "get_hops",
        "Which code served a key's requests",
        "The router's hop log: for each hop of the requests carrying a sandbox's key, which"
            + " service it reached and whether the baseline or the fork served it. Use it to"
            + " prove the change was exercised, or to find where the key was dropped.",
        Schema.object()
            .optional(
                "sandbox", Schema.name("the sandbox whose key to follow (see list_sandboxes)"))
            .optional("key", Schema.name("a routing key, instead of sandbox"))
            .optional(
                "limit",
                Schema.integer("the newest hops to return").range(1, 10_000).defaultValue(50)),
        Schema.open("the hops")
            .optional("key", Schema.string("the key followed (absent: every key)"))
            .required(
                "hops",
                Schema.array(
                    "per hop: seq, time, routingKey, service, destination (baseline or a sandbox),"
                        + " method, path, status, durationMicros",
                    Schema.open(null))),
        Effect.READ,
        (args, daemon) -> {
          JsonNode body =
              daemon.hops(
                  new HopQuery(
                      args.optionalString("key").orElse(null),
                      args.optionalString("sandbox").orElse(null),
                      (int) args.integer("limit", 50)));
          return ToolResult.ok(body, hopSummary(body));
        });
  }

  static String hopSummary(JsonNode body) {
    JsonNode hops = body.path("hops");
    String key = body.path("key").isTextual() ? "key " + body.path("key").asText() : "all keys";
    if (hops.isEmpty()) {
      return "no hops recorded for "
          + key
          + ": no request carrying it has passed the router yet (send one, or run a skill)";
    }
    Map<String, Integer> served = new TreeMap<>();
    for (JsonNode h : hops) {
      served.merge(
          h.path("service").asText() + " -> " + h.path("destination").asText(), 1, Integer::sum);
    }
    List<String> counts = new ArrayList<>();
    served.forEach((k, v) -> counts.add(k + " x" + v));
    StringBuilder text = new StringBuilder();
    text.append(hops.size())
        .append(" hop(s) for ")
        .append(key)
        .append(": ")
        .append(String.join(", ", counts));
    int shown = 0;
    for (int i = hops.size() - 1; i >= 0 && shown < 10; i--, shown++) {
      JsonNode h = hops.get(i);
      text.append("\n- ")
          .append(h.path("service").asText())
          .append(" served by ")
          .append(h.path("destination").asText())
          .append(": ")
          .append(h.path("method").asText())
          .append(" ")
          .append(h.path("path").asText())
          .append(" -> ")
          .append(h.path("status").asInt());
    }
    return text.toString();
  }
}
