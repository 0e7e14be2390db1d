package dev.prooflane.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.ValidationView;
import dev.prooflane.server.runs.ValidationRecord;
import dev.prooflane.server.runs.Validations;
import dev.prooflane.server.sandboxes.Caller;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Endpoints for validations: start one (and wait, stream, or not), follow it, cancel it. */
final class ValidationHandlers {
  private final Validations validations;

  ValidationHandlers(Validations validations) {
    this.validations = validations;
  }

  /**
   * The whole loop: {@code {"name"?, "forks": [...], "ttl"?, "skills"?: [...], "skillDirs"?: [...],
   * "inputs"?: {...}, "keep"?: false}}. Streams NDJSON progress with {@code Accept:
   * application/x-ndjson} (the last line is {@code {"validation": ...}}); with {@code ?wait=false}
   * answers 202 at once with the started validation; otherwise answers the outcome when done.
   */
  void validate(RoutingContext ctx) throws IOException {
    JsonNode body = Json.mapper().readTree(Optional.ofNullable(ctx.body().asString()).orElse("{}"));
    ObjectNode spec = Json.mapper().createObjectNode();
    spec.put("name", body.hasNonNull("name") ? body.get("name").asText() : Validations.newName());
    spec.put("ttl", body.hasNonNull("ttl") ? body.get("ttl").asText() : "30m");
    spec.set(
        "labels",
        body.hasNonNull("labels")
            ? body.get("labels")
            : Json.mapper().createObjectNode().put("prooflane.dev/validate", "true"));
    spec.set("forks", body.path("forks"));
    SandboxSpec sandbox = SandboxSpecReader.parse("<request body>", spec.toString());
    List<String> skills = new ArrayList<>();
    body.path("skills").forEach(s -> skills.add(s.asText()));
    List<Path> dirs = RunHandlers.paths(body.path("skillDirs"));
    Map<String, Object> inputs = RunHandlers.inputs(body.path("inputs"));
    Validations.Request request =
        new Validations.Request(
            sandbox,
            skills,
            dirs,
            inputs,
            body.path("keep").asBoolean(false),
            Caller.of(ApiGuard.token(ctx)));
    if (Progress.wanted(ctx)) {
      Progress.located(
          ctx,
          200,
          "validation",
          out -> {
            ValidationRecord record = validations.start(request, out::line);
            out.begin(ApiPath.VALIDATION.with(record.id()));
            return Validations.await(record);
          });
    } else if ("false".equals(ctx.request().getParam("wait"))) {
      ValidationRecord record = validations.start(request, line -> {});
      ctx.response().putHeader("Location", ApiPath.BASE + ApiPath.VALIDATION.with(record.id()));
      Handlers.json(ctx, 202, ValidationView.of(record, validations));
    } else {
      Handlers.json(ctx, 200, validations.validate(request, line -> {}));
    }
  }

  void list(RoutingContext ctx) {
    Handlers.json(
        ctx,
        200,
        Map.of(
            "validations",
            validations.list().stream().map(v -> ValidationView.of(v, validations)).toList()));
  }

  void get(RoutingContext ctx) {
    Handlers.json(ctx, 200, ValidationView.of(validations.get(ctx.pathParam("id")), validations));
  }

  /**
   * Cancels a validation: {@code {"reason"?: "..."}}; answers it once it has ended (its sandbox
   * deleted), or as it is after {@link RunHandlers#CANCEL_WAIT}; with {@code ?wait=false} at once.
   */
  void cancel(RoutingContext ctx) throws IOException {
    ValidationRecord record =
        validations.cancel(
            ctx.pathParam("id"), ApiGuard.token(ctx).name(), RunHandlers.reason(ctx));
    if (!"false".equals(ctx.request().getParam("wait"))) {
      try {
        record.outcome().get(RunHandlers.CANCEL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // the record says how it ended
      }
    }
    Handlers.json(ctx, 200, ValidationView.of(record, validations));
  }
}
