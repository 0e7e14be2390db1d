package dev.prooflane.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.mcp.tools.Tool.Effect;
import dev.prooflane.server.json.ActionRunRequest;
import java.util.ArrayList;
import java.util.List;

/** Tools for the governed actions that skills are made of. */
final class ActionTools {
  private static final int MAX_BODY_TEXT = 600;

  private ActionTools() {}

  static List<Tool> all() {
    return List.of(listActions(), describeAction(), runAction());
  }

  static Tool listActions() {
    return new Tool(
        "list_actions",
        "List actions",
        "The governed actions skills are made of (http, grpc, schema, check, logs, diff, wait,"
            + " skill, ...), one sentence each.",
        Schema.object(),
        Schema.open("the actions")
            .required(
                "actions",
                Schema.array(
                    "per action: name, summary, inputs, outputs, example", Schema.open(null))),
        Effect.READ,
        (args, daemon) -> {
          JsonNode body = daemon.actions();
          List<String> lines = new ArrayList<>();
          body.path("actions")
              .forEach(
                  a ->
                      lines.add(
                          "- " + a.path("name").asText() + ": " + a.path("summary").asText()));
          return ToolResult.ok(body, lines.size() + " action(s):\n" + String.join("\n", lines));
        });
  }

  static Tool describeAction() {
    return new Tool(
        "describe_action",
        "Describe an action",
        "One action: its inputs (the 'with' of run_action), outputs and a YAML example.",
        Schema.object().required("name", Schema.name("the action name (see list_actions)")),
        Schema.open("the action")
            .optional("name", Schema.string("its name"))
            .optional(
                "inputs", Schema.array("name, type, required, description", Schema.open(null)))
            .optional("outputs", Schema.array("name, type, description", Schema.open(null)))
            .optional("example", Schema.string("a step using it, in YAML")),
        Effect.READ,
        (args, daemon) -> {
          JsonNode action = daemon.action(args.string("name"));
          StringBuilder text =
              new StringBuilder(
                  action.path("name").asText() + ": " + action.path("summary").asText());
          text.append("\ninputs (with):");
          for (JsonNode f : action.path("inputs")) {
            text.append("\n- ")
                .append(f.path("name").asText())
                .append(" (")
                .append(f.path("type").asText())
                .append(f.path("required").asBoolean() ? ", required" : "")
                .append("): ")
                .append(f.path("description").asText());
          }
          text.append("\nexample:\n").append(action.path("example").asText());
          return ToolResult.ok(action, text.toString());
        });
  }

  static Tool runAction() {
    return new Tool(
        "run_action",
        "Run one action",
        "Runs one governed action on its own, for exploration: for example an HTTP request into"
            + " a sandbox with the key injected ({\"action\": \"http\", \"sandbox\": \"pr-42\","
            + " \"with\": {\"service\": \"frontend\", \"path\": \"/products/1\"}}). Policy applies as"
            + " in skills. Answers the step's verdict, outputs, assertions and HTTP exchanges.",
        Schema.object()
            .required("action", Schema.name("the action name (see list_actions)"))
            .optional("sandbox", Schema.name("the sandbox to act in (omit to act on the baseline)"))
            .optional(
                "with",
                Schema.anyObject("the action's inputs (see describe_action); plain values")),
        Schema.open("the action's result")
            .optional("run", Shapes.run())
            .optional(
                "step",
                Schema.open("verdict, message, outputs, assertions, exchanges of the step")),
        Effect.WRITE,
        (args, daemon) -> {
          JsonNode result =
              daemon.runAction(
                  args.string("action"),
                  new ActionRunRequest(
                      args.optionalString("sandbox").orElse(null), args.map("with")));
          return ToolResult.ok(result, summary(args.string("action"), result));
        });
  }

  private static String summary(String action, JsonNode result) {
    JsonNode step = result.path("step");
    JsonNode run = result.path("run");
    StringBuilder text = new StringBuilder();
    text.append("action ")
        .append(action)
        .append(
            run.path("sandbox").isTextual() ? " in sandbox " + run.path("sandbox").asText() : "")
        .append(": ")
        .append(step.path("verdict").asText(run.path("state").asText()))
        .append(" — ")
        .append(step.path("message").asText(run.path("message").asText("")));
    for (JsonNode a : step.path("assertions")) {
      if (!a.path("passed").asBoolean(true)) {
        text.append("\n- failed ")
            .append(a.path("path").asText())
            .append(": ")
            .append(a.path("message").asText());
      }
    }
    for (JsonNode e : step.path("exchanges")) {
      int status = e.path("status").asInt(0);
      text.append("\n- ")
          .append(e.path("method").asText())
          .append(" ")
          .append(e.path("url").asText())
          .append(e.path("keyed").asBoolean() ? " (keyed)" : "")
          .append(" -> ")
          .append(
              status == 0 ? "no answer: " + e.path("error").asText("") : Integer.toString(status));
    }
    JsonNode outputs = step.path("outputs");
    if (!outputs.isMissingNode() && !outputs.isEmpty()) {
      String json = outputs.toString();
      text.append("\noutputs: ")
          .append(json.length() > MAX_BODY_TEXT ? json.substring(0, MAX_BODY_TEXT) + "..." : json);
    }
    return text.toString();
  }
}
