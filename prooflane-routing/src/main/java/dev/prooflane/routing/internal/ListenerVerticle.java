package dev.prooflane.routing.internal;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** One server instance of a listener, on its own event loop; undeploying it closes the server. */
final class ListenerVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final Handler<HttpServerRequest> handler;
  private final String host;
  private final PortSlot slot;

  ListenerVerticle(
      HttpServerOptions options, Handler<HttpServerRequest> handler, String host, PortSlot slot) {
    this.options = options;
    this.handler = handler;
    this.host = host;
    this.slot = slot;
  }

  @Override
  public Future<?> start() {
    HttpServer server = vertx.createHttpServer(options).requestHandler(handler);
    return server
        .listen(slot.listenPort(), host)
        .onSuccess(bound -> slot.bound(bound.actualPort()));
  }
}
