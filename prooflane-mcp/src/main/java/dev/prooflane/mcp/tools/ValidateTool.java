package dev.prooflane.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.tools.Tool.Effect;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.ValidationRequest;
import dev.prooflane.server.runs.Validations;
import java.util.List;

/**
 * The whole loop in one call: create a sandbox for a change, run skills, report, delete; and {@code
 * get_validation}, which follows one started with {@code wait: false}.
 */
final class ValidateTool {
  private static final int PROGRESS_SHOWN = 20;

  private ValidateTool() {}

  static Tool validate() {
    return new Tool(
        "validate",
        "Validate a change",
        "The whole loop in one call: creates a sandbox that forks the changed service(s), runs"
            + " the skills against it, collects the signed reports and deletes the sandbox"
            + " (unless keep). Answers the overall verdict (PASS only when every run passed and"
            + " exercised the change) and each run with its failing assertions. It takes from"
            + " seconds to minutes: it reports progress when asked (progressToken); with wait:"
            + " false it answers at once with the validation id, to follow with get_validation.",
        Schema.object()
            .required("forks", Shapes.forks())
            .optional(
                "skills",
                Schema.array(
                    "skill names to run (default: every skill of the catalog; see list_skills)",
                    Schema.name("a skill name")))
            .optional("inputs", Schema.anyObject("inputs given to each skill that declares them"))
            .optional(
                "skillDirs",
                Schema.array(
                    "extra folders of skill files, on the daemon's machine",
                    Schema.text("a folder")))
            .optional(
                "keep",
                Schema.bool("keep the sandbox afterwards, to investigate (default: false)")
                    .defaultValue(false))
            .optional("ttl", Shapes.ttl())
            .optional("name", Schema.name("sandbox name (default: validate-<random>)"))
            .optional(
                "wait",
                Schema.bool(
                        "false answers at once with the validation id and sandbox name; follow it"
                            + " with get_validation (default: true, answer when done)")
                    .defaultValue(true)),
        outcome(),
        Effect.WRITE,
        ValidateTool::call);
  }

  static Tool getValidation() {
    return new Tool(
        "get_validation",
        "Get a validation",
        "A validation by id (from validate with wait: false): its state (RUNNING, DONE,"
            + " CANCELLED, FAILED), its latest progress, its runs so far and, once it has ended,"
            + " the verdict and each run's failing assertions. Answers at once: call it again"
            + " while the state is RUNNING.",
        Schema.object().required("id", Schema.name("the validation id (from validate)")),
        outcome(),
        Effect.READ,
        (args, daemon) ->
            render(Json.mapper().valueToTree(daemon.validation(args.string("id"))), daemon));
  }

  private static Schema outcome() {
    return Schema.open("the validation")
        .optional("id", Schema.string("the validation id (for get_validation)"))
        .optional("state", Schema.string("RUNNING, DONE, CANCELLED or FAILED"))
        .optional(
            "verdict",
            Schema.string("PASS, FAIL, ERROR or INCONCLUSIVE, once it has ended (absent before)"))
        .optional("message", Schema.string("why it was cancelled or could not run"))
        .optional("sandbox", Schema.string("the sandbox's name"))
        .optional("routingKey", Schema.string("its key (absent until the sandbox is created)"))
        .optional("readyMillis", Schema.integer("create to routable, in milliseconds"))
        .optional("kept", Schema.bool("whether the sandbox still exists"))
        .optional("runs", Schema.array("every run so far", Shapes.run()))
        .optional("progress", Schema.array("its latest progress lines", Schema.string("a line")))
        .optional("next", Schema.string("what to do next"));
  }

  private static ToolResult call(Arguments args, DaemonClient daemon, CallControl control) {
    ValidationRequest request =
        new ValidationRequest(
            args.optionalString("name").orElse(null),
            args.optionalString("ttl").orElse("30m"),
            null,
            ForkArguments.of(args),
            args.strings("skills"),
            args.strings("skillDirs"),
            args.map("inputs"),
            args.bool("keep", false));
    if (!args.bool("wait", true)) {
      return render(Json.mapper().valueToTree(daemon.startValidation(request)), daemon);
    }
    Followed followed =
        new Followed(control, id -> daemon.cancelValidation(id, Followed.CANCELLED, false));
    Validations.Outcome outcome = daemon.validate(request, followed);
    ObjectNode out = Json.mapper().valueToTree(outcome);
    if (followed.id() != null) {
      out.put("id", followed.id());
    }
    out.put("state", "DONE");
    return render(out, daemon);
  }

  /** A validation (an outcome, or the API's view of one) with its runs' evidence and a summary. */
  private static ToolResult render(ObjectNode validation, DaemonClient daemon) {
    JsonNode runs = validation.path("runs");
    ArrayNode enriched = Json.mapper().createArrayNode();
    for (JsonNode run : runs) {
      enriched.add(RunEvidence.enrich(Json.mapper().convertValue(run, RunView.class), daemon));
    }
    validation.set("runs", enriched);
    JsonNode progress = validation.path("progress");
    if (progress.size() > PROGRESS_SHOWN) {
      ArrayNode latest = Json.mapper().createArrayNode();
      for (int i = progress.size() - PROGRESS_SHOWN; i < progress.size(); i++) {
        latest.add(progress.get(i));
      }
      validation.set("progress", latest);
    }
    validation.remove("createdAt");
    String state = validation.path("state").asText("DONE");
    String next = next(validation, state);
    validation.put("next", next);
    StringBuilder text = new StringBuilder();
    String id = validation.path("id").asText("");
    text.append("validate ")
        .append("DONE".equals(state) ? validation.path("verdict").asText() : state)
        .append("DONE".equals(state) || id.isEmpty() ? "" : " (validation " + id + ")")
        .append(": sandbox ")
        .append(validation.path("sandbox").asText());
    if (validation.path("routingKey").isTextual()) {
      text.append(" (key ").append(validation.path("routingKey").asText());
      if (validation.path("readyMillis").isNumber()) {
        text.append(", ready in ").append(validation.path("readyMillis").asLong()).append(" ms");
      }
      if (validation.path("kept").isBoolean()) {
        text.append(
            validation.path("kept").asBoolean()
                ? ", kept: delete_sandbox it when done"
                : ", deleted");
      }
      text.append(")");
    }
    if (validation.path("message").isTextual()) {
      text.append(" — ").append(validation.path("message").asText());
    }
    for (JsonNode run : enriched) {
      text.append("\n").append(RunEvidence.summary(run).replace("\n", "\n  "));
    }
    if (!"DONE".equals(state) || enriched.isEmpty()) {
      text.append("\nnext: ").append(next);
    }
    return ToolResult.ok(validation, text.toString());
  }

  private static String next(JsonNode validation, String state) {
    String id = validation.path("id").asText();
    return switch (state) {
      case "RUNNING" ->
          "call get_validation with id "
              + id
              + " until its state is not RUNNING"
              + latest(validation.path("progress"));
      case "CANCELLED" -> "it was cancelled; call validate again when needed";
      case "FAILED" -> "it could not run (see message); fix what it says, then call validate again";
      default ->
          "PASS".equals(validation.path("verdict").asText())
              ? "attach each run's signed report.json to the pull request"
              : "read each run's failures and next step above";
    };
  }

  private static String latest(JsonNode progress) {
    List<String> lines = RunEvidence.texts(progress);
    return progress.isEmpty() ? "" : " (latest: " + lines.get(lines.size() - 1).strip() + ")";
  }
}
