package dev.prooflane.mcp.tools;

import dev.prooflane.actions.probe.ProbeResult;
import dev.prooflane.actions.probe.ProbeText;
import dev.prooflane.mcp.tools.Tool.Effect;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.ProbeRequest;

/** The {@code probe} tool: where a throwaway key travels along a path, and where it stops. */
final class ProbeTool {
  private ProbeTool() {}

  static Tool probe() {
    return new Tool(
        "probe",
        "Where the routing key travels and stops",
        "Sends one GET with a throwaway routing key (no sandbox has it, so every hop goes to the"
            + " baseline) and a fresh traceparent to a service, then says hop by hop whether the"
            + " key and the traceparent arrived, which service dropped the key (with the call"
            + " site when its drop detector is attached) and what to do. Call it when a run is"
            + " INCONCLUSIVE, or before forking a service deep in a call chain.",
        Schema.object()
            .required("service", Schema.name("the service to send it to (see list_services)"))
            .required("path", Schema.string("the path, starting with '/', such as /products/1")),
        Schema.open("what the probe found")
            .required(
                "keyTravelled", Schema.bool("true when no service called another without the key"))
            .required("key", Schema.string("the throwaway key"))
            .required("traceId", Schema.string("the trace id of its traceparent"))
            .required("status", Schema.integer("the status answered; 0 when none came"))
            .optional("error", Schema.string("why no answer came"))
            .required(
                "hops",
                Schema.array(
                    "per hop, in arrival order: service, destination, method, path, status,"
                        + " keyArrived, traceArrived, matchedBy (key, trace or time)",
                    Schema.open(null)))
            .required(
                "stops",
                Schema.array(
                    "per service that dropped the key: service, destination, method, path (of the"
                        + " request it served), calledWithoutKey, traceKept, callSites",
                    Schema.open(null)))
            .required("advice", Schema.array("what to do, one item each", Schema.string(null))),
        Effect.WRITE,
        (args, daemon) -> {
          String path = args.string("path");
          if (!path.startsWith("/")) {
            throw new ToolFailure(
                "invalid_input",
                "probe: path: '"
                    + path
                    + "' (expected: a path starting with '/', such as /products/1). Fix it and"
                    + " call probe again.");
          }
          ProbeResult result = daemon.probe(new ProbeRequest(args.string("service"), path));
          return ToolResult.ok(Json.mapper().valueToTree(result), ProbeText.of(result));
        });
  }
}
