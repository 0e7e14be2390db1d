package dev.prooflane.server.api;

import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.local.ChangeFailedException;
import dev.prooflane.local.SandboxFailedException;
import dev.prooflane.local.store.StateWriteException;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.SpecException;
import dev.prooflane.server.json.ApiError;
import dev.prooflane.server.sandboxes.SandboxService;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** How a failed request is answered: each exception as an HTTP status and an {@link ApiError}. */
final class ApiErrors {
  /** Refusals that mean "too many right now": 429, so that a client may retry later. */
  private static final Set<String> QUOTAS =
      Set.of("limits.concurrentRuns", "sandboxes.perOwner", "sandboxes.total");

  private ApiErrors() {}

  /** The catch-all route: 404 naming the method and path. */
  static void notFound(RoutingContext ctx) {
    Handlers.json(
        ctx,
        404,
        new ApiError(
            "no_such_endpoint",
            ctx.request().method()
                + " "
                + ctx.request().path()
                + " is not an endpoint (see /api/v1/openapi.yaml)"));
  }

  /** The failure handler of every route. */
  static void failure(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t == null) {
      Handlers.json(
          ctx,
          ctx.statusCode() > 0 ? ctx.statusCode() : 500,
          new ApiError(
              "http_" + ctx.statusCode(), "request failed with status " + ctx.statusCode()));
      return;
    }
    Handlers.json(ctx, statusOf(t), errorOf(t));
  }

  static ApiError errorOf(Throwable t) {
    if (t instanceof PolicyRefusedException) {
      return new ApiError("policy_refused", t.getMessage());
    }
    if (t instanceof StateWriteException e) {
      return new ApiError(e.full() ? "insufficient_storage" : "state_unavailable", t.getMessage());
    }
    if (t instanceof SpecException e) {
      return new ApiError("invalid_spec", e.getMessage(), e.problems());
    }
    if (t instanceof NotFoundException) {
      return new ApiError("not_found", t.getMessage());
    }
    if (t instanceof ConflictException) {
      return new ApiError("conflict", t.getMessage());
    }
    if (t instanceof SandboxFailedException) {
      return new ApiError("sandbox_failed", t.getMessage());
    }
    if (t instanceof ChangeFailedException) {
      return new ApiError("change_failed", t.getMessage());
    }
    if (t instanceof IllegalArgumentException) {
      return new ApiError("invalid_request", t.getMessage());
    }
    if (t instanceof ProoflaneException) {
      return new ApiError("failed", t.getMessage());
    }
    return new ApiError("internal", t.getClass().getSimpleName() + ": " + t.getMessage());
  }

  static int statusOf(Throwable t) {
    if (t instanceof PolicyRefusedException p) {
      if (SandboxService.OWNER_RULE.equals(p.rule()) || p.rule().startsWith("forks.")) {
        return 403;
      }
      return QUOTAS.contains(p.rule()) ? 429 : 400;
    }
    if (t instanceof StateWriteException e) {
      return e.full() ? 507 : 503;
    }
    if (t instanceof SpecException || t instanceof IllegalArgumentException) {
      return 400;
    }
    if (t instanceof NotFoundException) {
      return 404;
    }
    if (t instanceof ConflictException) {
      return 409;
    }
    if (t instanceof SandboxFailedException || t instanceof ChangeFailedException) {
      return 422;
    }
    return 500;
  }
}
