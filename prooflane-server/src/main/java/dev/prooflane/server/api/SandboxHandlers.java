package dev.prooflane.server.api;

import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.json.ApiError;
import dev.prooflane.server.json.SandboxList;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.sandboxes.Caller;
import dev.prooflane.server.sandboxes.SandboxService;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** The sandbox endpoints: each maps a request onto the {@link SandboxService}. */
final class SandboxHandlers {
  private final SandboxService sandboxes;

  SandboxHandlers(SandboxService sandboxes) {
    this.sandboxes = sandboxes;
  }

  void list(RoutingContext ctx) {
    Handlers.json(
        ctx, 200, new SandboxList(sandboxes.list().stream().map(SandboxView::of).toList()));
  }

  void get(RoutingContext ctx) {
    Handlers.json(ctx, 200, SandboxView.of(sandboxes.get(ctx.pathParam("name"))));
  }

  /**
   * Creates a sandbox from a JSON (or YAML) body. With {@code Accept: application/x-ndjson} the
   * response streams one {@code {"progress": ...}} line per step, then {@code {"sandbox": ...}} or
   * {@code {"error": ...}}; otherwise it answers once, 201 with the sandbox.
   */
  void create(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      Handlers.json(
          ctx,
          400,
          new ApiError(
              "invalid_spec",
              "empty body (send the sandbox as JSON: {\"name\":..., \"forks\":[{\"service\":...}]})"));
      return;
    }
    SandboxSpec spec = SandboxSpecReader.parse("<request body>", text);
    Caller caller = Caller.of(ApiGuard.token(ctx));
    if (Progress.wanted(ctx)) {
      Progress.stream(
          ctx,
          201,
          "sandbox",
          progress -> SandboxView.of(sandboxes.create(spec, caller, progress)));
    } else {
      Handlers.json(ctx, 201, SandboxView.of(sandboxes.create(spec, caller, line -> {})));
    }
  }

  /** Deletes a sandbox as the caller; the service decides whether the caller may. */
  void delete(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    sandboxes.delete(name, Caller.of(ApiGuard.token(ctx)));
    Handlers.json(ctx, 200, Map.of("deleted", name));
  }
}
