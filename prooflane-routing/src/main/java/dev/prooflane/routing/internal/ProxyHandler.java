package dev.prooflane.routing.internal;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/** The request handler of one service's listener: starts an {@link Exchange} per request. */
final class ProxyHandler implements Handler<HttpServerRequest> {
  private final String service;
  private final VertxRouter router;

  ProxyHandler(String service, VertxRouter router) {
    this.service = service;
    this.router = router;
  }

  @Override
  public void handle(HttpServerRequest request) {
    new Exchange(request, service, router).start();
  }
}
