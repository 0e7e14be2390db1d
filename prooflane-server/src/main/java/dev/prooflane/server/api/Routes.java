package dev.prooflane.server.api;

import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.auth.Scope;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Registers API routes, each behind the scope it needs, so that no route is left unguarded. */
final class Routes {
  private final Router router;
  private final ApiGuard guard;
  private final String base;

  Routes(Router router, ApiGuard guard, String base) {
    this.router = router;
    this.guard = guard;
    this.base = base;
  }

  /** A read: {@code GET}, needs {@code sandbox:read}, served off the event loop. */
  void get(ApiPath path, Handler<RoutingContext> handler) {
    blocking(HttpMethod.GET, path, Scope.SANDBOX_READ, handler);
  }

  /**
   * A route whose handler runs on the event loop: it must not block (it answers later, from a timer
   * or a callback, rather than waiting).
   */
  void nonBlocking(ApiPath path, Scope scope, Handler<RoutingContext> handler) {
    router.get(base + path.template()).handler(guard.require(scope)).handler(handler);
  }

  /** A read any live token may make, whatever its scopes: served off the event loop. */
  void authenticated(ApiPath path, Handler<RoutingContext> handler) {
    router.get(base + path.template()).blockingHandler(handler, false);
  }

  void blocking(HttpMethod method, ApiPath path, Scope scope, Handler<RoutingContext> handler) {
    router
        .route(method, base + path.template())
        .handler(guard.require(scope))
        .blockingHandler(handler, false);
  }
}
