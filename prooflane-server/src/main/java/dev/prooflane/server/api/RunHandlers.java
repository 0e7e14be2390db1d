package dev.prooflane.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillInput;
import dev.prooflane.actions.skill.SkillStep;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.json.ApiError;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.ProbeRequest;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.runs.RunRecord;
import dev.prooflane.server.runs.Runs;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Endpoints for the skill catalog, the action catalog and runs. */
final class RunHandlers {
  private static final Map<String, String> REPORT_TYPES =
      Map.of(
          "report.json", "application/json",
          "statement.json", "application/json",
          "report-signing.pub", "application/x-pem-file",
          "report.md", "text/markdown; charset=utf-8",
          "junit.xml", "application/xml",
          "report.html", "text/html; charset=utf-8");
  private final Runs runs;

  RunHandlers(Runs runs) {
    this.runs = runs;
  }

  /**
   * Runs one action on its own: {@code {"sandbox": ..., "with": {...}}}; answers when done with the
   * run and the step's verdict, outputs, assertions and exchanges.
   */
  void runAction(RoutingContext ctx) throws IOException {
    JsonNode body = Json.mapper().readTree(Optional.ofNullable(ctx.body().asString()).orElse("{}"));
    Object with = Values.fromJson(body.path("with"));
    if (!(with instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "with: expected an object of the action's inputs (see GET /api/v1/actions/"
              + ctx.pathParam("name")
              + ")");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> inputs = (Map<String, Object>) with;
    RunRecord record =
        runs.startAction(
            ctx.pathParam("name"),
            Optional.ofNullable(body.hasNonNull("sandbox") ? body.get("sandbox").asText() : null),
            inputs,
            line -> {});
    await(record);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("run", RunView.of(record));
    if (record.result().isDone() && !record.result().isCompletedExceptionally()) {
      StepResult step = record.result().join().steps().get(0);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("verdict", step.verdict().name());
      s.put("message", step.message());
      s.put("outputs", Values.toJson(step.outputs()));
      s.put("assertions", Json.mapper().valueToTree(step.assertions()));
      s.put("exchanges", Json.mapper().valueToTree(step.exchanges()));
      out.put("step", s);
    }
    Handlers.json(ctx, 200, out);
  }

  /**
   * Probes a path: {@code {"service": ..., "path": ...}}; answers with what the probe found once
   * the hops of its request are recorded.
   */
  void probe(RoutingContext ctx) throws IOException {
    ProbeRequest request =
        Json.mapper()
            .readValue(Optional.ofNullable(ctx.body().asString()).orElse("{}"), ProbeRequest.class);
    if (request.service() == null || request.service().isBlank()) {
      throw new IllegalArgumentException("service: missing (expected: a service name)");
    }
    if (request.path() == null) {
      throw new IllegalArgumentException(
          "path: missing (expected: a path starting with '/', such as /products/1)");
    }
    try {
      Handlers.json(ctx, 200, runs.probe(request.service(), request.path()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProoflaneException("interrupted while probing " + request.service(), e);
    }
  }

  void listSkills(RoutingContext ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Skill s : runs.skills(List.of()).all()) {
      out.add(skill(s, false));
    }
    Handlers.json(ctx, 200, Map.of("skills", out));
  }

  void getSkill(RoutingContext ctx) {
    Handlers.json(ctx, 200, skill(runs.skill(ctx.pathParam("name")), true));
  }

  static Map<String, Object> skill(Skill s, boolean detailed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", s.name());
    out.put("version", s.version());
    out.put("description", s.description());
    out.put("whenToUse", s.whenToUse());
    out.put("labels", s.labels());
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (SkillInput i : s.inputs()) {
      Map<String, Object> in = new LinkedHashMap<>();
      in.put("name", i.name());
      in.put("type", i.type().label());
      in.put("required", i.required());
      in.put("default", i.defaultValue().map(Values::toJson).orElse(null));
      in.put("description", i.description());
      inputs.add(in);
    }
    out.put("inputs", inputs);
    out.put("file", s.file().toString());
    out.put("digest", s.digest());
    if (detailed) {
      List<Map<String, Object>> steps = new ArrayList<>();
      for (SkillStep step : s.steps()) {
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("id", step.id());
        st.put("action", step.action());
        st.put("with", Values.toJson(step.with().source()));
        st.put("location", step.location());
        steps.add(st);
      }
      out.put("steps", steps);
      out.put("outputs", new ArrayList<>(s.outputs().keySet()));
    }
    return out;
  }

  /**
   * Input values: text stays text (converted by the skill's input types), others as JSON values.
   */
  static Map<String, Object> inputs(JsonNode node) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    node.properties()
        .forEach(
            e ->
                inputs.put(
                    e.getKey(),
                    e.getValue().isTextual()
                        ? e.getValue().asText()
                        : Values.fromJson(e.getValue())));
    return inputs;
  }

  static List<Path> paths(JsonNode node) {
    List<Path> dirs = new ArrayList<>();
    node.forEach(d -> dirs.add(Path.of(d.asText())));
    return dirs;
  }

  void listActions(RoutingContext ctx) {
    Handlers.json(ctx, 200, Map.of("actions", runs.actions().descriptors()));
  }

  void getAction(RoutingContext ctx) {
    ActionDescriptor d = runs.actions().get(ctx.pathParam("name")).descriptor();
    Handlers.json(ctx, 200, d);
  }

  /**
   * Starts a run: {@code {"skill": ..., "sandbox": ..., "inputs": {...}, "skillDirs": [...]}}. With
   * {@code Accept: application/x-ndjson} streams progress lines and ends with {@code {"run": ...}};
   * with {@code ?wait=true} answers once the run is done; otherwise 202 at once.
   */
  void startRun(RoutingContext ctx) throws IOException {
    JsonNode body = Json.mapper().readTree(Optional.ofNullable(ctx.body().asString()).orElse("{}"));
    if (!body.hasNonNull("skill")) {
      throw new IllegalArgumentException(
          "skill: missing (name the skill to run; see GET /api/v1/skills)");
    }
    Map<String, Object> inputs = inputs(body.path("inputs"));
    List<Path> dirs = paths(body.path("skillDirs"));
    RunRequest request =
        new RunRequest(
            body.get("skill").asText(),
            Optional.ofNullable(body.hasNonNull("sandbox") ? body.get("sandbox").asText() : null),
            inputs);
    if (Progress.wanted(ctx)) {
      Progress.located(
          ctx,
          201,
          "run",
          out -> {
            RunRecord record = runs.start(request, dirs, out::line);
            out.begin(ApiPath.RUN.with(record.id()));
            await(record);
            return RunView.of(record);
          });
      return;
    }
    RunRecord record = runs.start(request, dirs, line -> {});
    if ("true".equals(ctx.request().getParam("wait"))) {
      await(record);
      Handlers.json(ctx, 201, RunView.of(record));
    } else {
      Handlers.json(ctx, 202, RunView.of(record));
    }
  }

  private static void await(RunRecord record) {
    try {
      record.result().get(15, TimeUnit.MINUTES);
    } catch (Exception e) {
      // the record says how it ended
    }
  }

  /**
   * Cancels a run: {@code {"reason"?: "..."}}; answers the run once it has ended (at most {@link
   * #CANCEL_WAIT} later), CANCELLED, or as it was when it had ended already; with {@code
   * ?wait=false} at once.
   */
  void cancelRun(RoutingContext ctx) throws IOException {
    RunRecord record = runs.cancel(ctx.pathParam("id"), ApiGuard.token(ctx).name(), reason(ctx));
    if (!"false".equals(ctx.request().getParam("wait"))) {
      try {
        record.result().get(CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // the record says how it ended
      }
    }
    Handlers.json(ctx, 200, RunView.of(record));
  }

  /** How long a cancel request waits for the run or validation to end. */
  static final java.time.Duration CANCEL_WAIT = java.time.Duration.ofSeconds(30);

  /** The optional {@code reason} of a cancel request's body. */
  static String reason(RoutingContext ctx) throws IOException {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      return null;
    }
    JsonNode body = Json.mapper().readTree(text);
    JsonNode reason = body.path("reason");
    if (!reason.isMissingNode() && !reason.isNull() && !reason.isTextual()) {
      throw new IllegalArgumentException("reason: " + reason + " (expected: a text)");
    }
    return reason.isTextual() ? reason.asText() : null;
  }

  void listRuns(RoutingContext ctx) {
    Handlers.json(ctx, 200, Map.of("runs", runs.list().stream().map(RunView::of).toList()));
  }

  void getRun(RoutingContext ctx) {
    Handlers.json(ctx, 200, RunView.of(runs.get(ctx.pathParam("id"))));
  }

  void getReport(RoutingContext ctx) throws IOException {
    RunRecord record = runs.get(ctx.pathParam("id"));
    String file = ctx.pathParam("file");
    String type = REPORT_TYPES.get(file);
    if (type == null) {
      throw new NotFoundException(
          "report", file, "reports are: " + String.join(", ", REPORT_TYPES.keySet()));
    }
    Path path = record.reportDir().resolve(file);
    if (!Files.exists(path)) {
      Handlers.json(
          ctx,
          409,
          new ApiError(
              "conflict",
              "run "
                  + record.id()
                  + " is "
                  + record.state()
                  + "; its reports are written when it is DONE"));
      return;
    }
    ctx.response()
        .putHeader("Content-Type", type)
        .end(io.vertx.core.buffer.Buffer.buffer(Files.readAllBytes(path)));
  }
}
