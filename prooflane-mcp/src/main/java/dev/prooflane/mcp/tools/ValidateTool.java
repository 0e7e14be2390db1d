package dev.prooflane.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.tools.Tool.Effect;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.ValidationRequest;
import dev.prooflane.server.runs.Validations;
import java.util.List;

/** The whole loop in one call: create a sandbox for a change, run skills, report, delete. */
final class ValidateTool {
  private ValidateTool() {}

  static Tool validate() {
    return new Tool(
        "validate",
        "Validate a change",
        "The whole loop in one call: creates a sandbox that forks the changed service(s), runs"
            + " the skills against it, collects the signed reports and deletes the sandbox"
            + " (unless keep). Answers the overall verdict (PASS only when every run passed and"
            + " exercised the change) and each run with its failing assertions.",
        Schema.object()
            .required("forks", Shapes.forks())
            .optional(
                "skills",
                Schema.array(
                    "skill names to run (default: every skill of the catalog; see list_skills)",
                    Schema.string("a skill name")))
            .optional("inputs", Schema.anyObject("inputs given to each skill that declares them"))
            .optional(
                "keep",
                Schema.bool("keep the sandbox afterwards, to investigate (default: false)")
                    .defaultValue(false))
            .optional("ttl", Shapes.ttl())
            .optional("name", Schema.string("sandbox name (default: validate-<random>)")),
        Schema.open("the outcome")
            .required("verdict", Schema.string("PASS, FAIL, ERROR or INCONCLUSIVE"))
            .optional("sandbox", Schema.string("the sandbox's name"))
            .optional("routingKey", Schema.string("its key"))
            .optional("readyMillis", Schema.integer("create to routable, in milliseconds"))
            .optional("kept", Schema.bool("whether the sandbox still exists"))
            .optional("runs", Schema.array("every run", Shapes.run())),
        Effect.WRITE,
        ValidateTool::call);
  }

  private static ToolResult call(Arguments args, DaemonClient daemon) {
    Validations.Outcome outcome =
        daemon.validate(
            new ValidationRequest(
                args.optionalString("name").orElse(null),
                args.optionalString("ttl").orElse("30m"),
                null,
                ForkArguments.of(args),
                args.strings("skills"),
                List.of(),
                args.map("inputs"),
                args.bool("keep", false)));
    ObjectNode out = Json.mapper().valueToTree(outcome);
    ArrayNode runs = out.putArray("runs");
    StringBuilder text = new StringBuilder();
    text.append("validate ")
        .append(outcome.verdict())
        .append(": sandbox ")
        .append(outcome.sandbox())
        .append(" (key ")
        .append(outcome.routingKey())
        .append(", ready in ")
        .append(outcome.readyMillis())
        .append(" ms, ")
        .append(outcome.kept() ? "kept: delete_sandbox it when done" : "deleted")
        .append(")");
    for (RunView run : outcome.runs()) {
      ObjectNode enriched = RunEvidence.enrich(run, daemon);
      runs.add(enriched);
      text.append("\n").append(RunEvidence.summary(enriched).replace("\n", "\n  "));
    }
    return ToolResult.ok(out, text.toString());
  }
}
