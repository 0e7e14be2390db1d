package dev.prooflane.server.api;

import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.baseline.BaselineService;
import dev.prooflane.server.json.EnvironmentRequest;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.sandboxes.Caller;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The endpoints that change the running baseline: restart a service, apply an environment file.
 * Each answers once the change took effect (or did not), streaming progress as NDJSON when asked.
 */
final class BaselineHandlers {
  private final BaselineService baseline;

  BaselineHandlers(BaselineService baseline) {
    this.baseline = baseline;
  }

  /** {@code POST /services/{name}/restart}: 200 with the restart once the old instance stopped. */
  void restart(RoutingContext ctx) {
    String service = ctx.pathParam("name");
    Caller caller = Caller.of(ApiGuard.token(ctx));
    answer(ctx, "restart", progress -> baseline.restart(service, caller, progress));
  }

  /**
   * {@code POST /environment/apply} with {@code {"file": "/abs/prooflane.yaml"}} (or no body: the
   * file the daemon runs): 200 with what changed.
   */
  void apply(RoutingContext ctx) {
    EnvironmentRequest request = body(ctx);
    Caller caller = Caller.of(ApiGuard.token(ctx));
    answer(ctx, "change", progress -> baseline.apply(request.file(), caller, progress));
  }

  private static void answer(
      RoutingContext ctx, String resultKey, Function<Consumer<String>, Object> work) {
    if (Progress.wanted(ctx)) {
      Progress.stream(ctx, 200, resultKey, work);
    } else {
      Handlers.json(ctx, 200, work.apply(line -> {}));
    }
  }

  private static EnvironmentRequest body(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      return new EnvironmentRequest(null);
    }
    try {
      return Json.mapper().readValue(text, EnvironmentRequest.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "body: not an environment request ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); expected: {\"file\": \"/absolute/path/prooflane.yaml\"}");
    }
  }
}
