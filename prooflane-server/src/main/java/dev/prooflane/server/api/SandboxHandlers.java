package dev.prooflane.server.api;

import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.json.ApiError;
import dev.prooflane.server.json.SandboxList;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.sandboxes.Caller;
import dev.prooflane.server.sandboxes.SandboxFilter;
import dev.prooflane.server.sandboxes.SandboxService;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** The sandbox endpoints: each maps a request onto the {@link SandboxService}. */
final class SandboxHandlers {
  private final SandboxService sandboxes;

  SandboxHandlers(SandboxService sandboxes) {
    this.sandboxes = sandboxes;
  }

  /**
   * {@code GET /sandboxes}: those {@code q}, {@code phase} and {@code owner} match (see {@link
   * SandboxFilter}), from {@code offset}, at most {@code limit} (all when absent), with how many
   * there are and how many matched.
   */
  void list(RoutingContext ctx) {
    SandboxFilter filter =
        SandboxFilter.of(
            ctx.request().getParam("q"),
            ctx.request().getParam("phase"),
            ctx.request().getParam("owner"));
    int offset = Handlers.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Handlers.intParam(ctx, "limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
    List<Sandbox> all = sandboxes.list();
    List<Sandbox> matched = all.stream().filter(filter).toList();
    List<SandboxView> page =
        matched.stream().skip(offset).limit(limit).map(SandboxView::of).toList();
    Handlers.json(ctx, 200, new SandboxList(page, all.size(), matched.size()));
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
