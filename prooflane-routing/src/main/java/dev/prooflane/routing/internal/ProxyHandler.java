package dev.prooflane.routing.internal;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * The request handlers of one service's listener: starts an {@link Exchange} per request, or
 * refuses one the HTTP decoder could not read.
 */
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

  /** Answers a request whose line or headers are malformed, and closes its connection. */
  void refuseMalformed(HttpServerRequest request) {
    new Exchange(request, service, router).refuseMalformed();
  }
}
