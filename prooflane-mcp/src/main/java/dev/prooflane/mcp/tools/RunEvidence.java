package dev.prooflane.mcp.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.DaemonClientException;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.RunView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run as an agent needs it: the API's run view plus what failed (every failing assertion with its
 * step and path, from the signed report) and which forked services were not exercised, and one line
 * that says what to do next.
 */
final class RunEvidence {
  private static final int MAX_FAILURES = 20;

  private RunEvidence() {}

  /** {@code run} as JSON with {@code failures}, {@code notExercised} and {@code next} added. */
  static ObjectNode enrich(RunView run, DaemonClient daemon) {
    ObjectNode out = Json.mapper().valueToTree(run);
    ArrayNode failures = out.putArray("failures");
    ArrayNode notExercised = out.putArray("notExercised");
    if ("DONE".equals(run.state()) && !"PASS".equals(run.verdict())) {
      JsonNode evidence = evidence(run.id(), daemon);
      if (evidence != null) {
        List<JsonNode> found = new ArrayList<>();
        collect(evidence.path("steps"), "", found);
        found.stream().limit(MAX_FAILURES).forEach(failures::add);
        evidence
            .path("coverage")
            .path("exercised")
            .properties()
            .forEach(
                e -> {
                  if (!e.getValue().asBoolean(true)) {
                    notExercised.add(e.getKey());
                  }
                });
      }
      if (failures.isEmpty()) {
        for (Map<String, Object> step : run.steps()) {
          Object v = step.get("verdict");
          if ("FAIL".equals(v) || "ERROR".equals(v)) {
            failures.add(
                failure(String.valueOf(step.get("id")), null, String.valueOf(step.get("message"))));
          }
        }
      }
    }
    out.put("next", next(out));
    return out;
  }

  private static JsonNode evidence(String runId, DaemonClient daemon) {
    try {
      return Json.mapper()
          .readTree(daemon.report(runId, "statement.json"))
          .path("predicate")
          .path("prooflane");
    } catch (DaemonClientException | JsonProcessingException e) {
      return null;
    }
  }

  private static void collect(JsonNode steps, String prefix, List<JsonNode> out) {
    for (JsonNode step : steps) {
      String id = prefix + step.path("id").asText();
      String verdict = step.path("verdict").asText();
      if ("FAIL".equals(verdict) || "ERROR".equals(verdict)) {
        boolean any = false;
        for (JsonNode a : step.path("assertions")) {
          if (!a.path("passed").asBoolean(true)) {
            out.add(failure(id, a.path("path").asText(null), a.path("message").asText()));
            any = true;
          }
        }
        int before = out.size();
        collect(step.path("children"), id + ".", out);
        if (!any && out.size() == before) {
          out.add(failure(id, null, step.path("message").asText()));
        }
      }
    }
  }

  private static ObjectNode failure(String step, String path, String message) {
    ObjectNode f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    f.put("step", step);
    f.put("path", path);
    f.put("message", message);
    return f;
  }

  private static String next(JsonNode run) {
    switch (run.path("state").asText()) {
      case "DONE" -> {
        // by verdict, below
      }
      case "CANCELLED" -> {
        return "the run was cancelled ("
            + run.path("message").asText()
            + "); run it again when needed";
      }
      case "FAILED" -> {
        return "the run could not run ("
            + run.path("message").asText()
            + "); fix that, then run it again";
      }
      default -> {
        return "the run is "
            + run.path("state").asText()
            + "; call get_run with id "
            + run.path("id").asText()
            + " until it is not RUNNING";
      }
    }
    return switch (run.path("verdict").asText("")) {
      case "PASS" ->
          "attach the signed report "
              + run.path("reports").path("json").asText()
              + " to the pull request as the verified result";
      case "FAIL" ->
          "fix the code for the failures above (get_logs shows the fork's output), rebuild, recreate"
              + " the sandbox and run the skill again; do not claim success";
      case "INCONCLUSIVE" ->
          "the change was not exercised: keyed requests never reached "
              + String.join(", ", texts(run.path("notExercised")))
              + "; the message says where the key stopped and which service dropped it (get_hops"
              + " with the routing key shows its hops, also after the sandbox is deleted; probe"
              + " shows hop by hop where a key travels and what to do); fix propagation there,"
              + " run again; never report this as a success";
      default ->
          "the run could not execute a step (see failures); fix the inputs or the sandbox"
              + " (get_sandbox, get_logs) and run again";
    };
  }

  /**
   * One line: {@code verdict FAIL: skill in sandbox X — step 'contract' $.price: ...; report: P}.
   */
  static String summary(JsonNode run) {
    StringBuilder text = new StringBuilder();
    String verdict = run.path("verdict").asText(null);
    text.append("verdict ")
        .append(verdict == null ? run.path("state").asText() : verdict)
        .append(": ")
        .append(run.path("skill").asText())
        .append(
            run.path("sandbox").isTextual()
                ? " in sandbox " + run.path("sandbox").asText()
                : " on the baseline")
        .append(" (run ")
        .append(run.path("id").asText())
        .append(")");
    List<String> failures = new ArrayList<>();
    for (JsonNode f : run.path("failures")) {
      failures.add(
          "step '"
              + f.path("step").asText()
              + "'"
              + (f.path("path").isTextual() ? " " + f.path("path").asText() : "")
              + ": "
              + f.path("message").asText());
    }
    if (!failures.isEmpty()) {
      text.append(" — ").append(String.join("; ", failures));
    } else if (!run.path("message").asText("").isEmpty()) {
      text.append(" — ").append(run.path("message").asText());
    }
    if (run.path("reports").has("json")) {
      text.append("\nreport: ").append(run.path("reports").path("json").asText());
    }
    text.append("\nnext: ").append(run.path("next").asText());
    return text.toString();
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out.isEmpty() ? List.of("the forked services") : out;
  }
}
