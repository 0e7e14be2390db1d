package dev.prooflane.routing.internal;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerConnection;

/** One server instance of a listener, on its own event loop; undeploying it closes the server. */
final class ListenerVerticle extends VerticleBase {
  private static final String DECODER = "httpDecoder";
  private static final String ENCODER = "httpEncoder";

  private final HttpServerOptions options;
  private final ProxyHandler handler;
  private final String host;
  private final PortSlot slot;
  private final long headerTimeoutMillis;
  private final long keepAliveTimeoutMillis;

  ListenerVerticle(
      HttpServerOptions options,
      ProxyHandler handler,
      String host,
      PortSlot slot,
      long headerTimeoutMillis,
      long keepAliveTimeoutMillis) {
    this.options = options;
    this.handler = handler;
    this.host = host;
    this.slot = slot;
    this.headerTimeoutMillis = headerTimeoutMillis;
    this.keepAliveTimeoutMillis = keepAliveTimeoutMillis;
  }

  @Override
  public Future<?> start() {
    HttpServer server =
        vertx
            .createHttpServer(options)
            .connectionHandler(this::harden)
            .requestHandler(handler)
            .invalidRequestHandler(handler::refuseMalformed);
    return server
        .listen(slot.listenPort(), host)
        .onSuccess(bound -> slot.bound(bound.actualPort()));
  }

  /**
   * Swaps in the decoder that refuses folded headers, adds the head and keep-alive deadlines, and
   * hands requests straight to the listener's handler. Vert.x calls this while it sets the
   * connection up, before it reads a byte.
   */
  private void harden(HttpConnection connection) {
    if (!(connection instanceof HttpServerConnection internal)) {
      return;
    }
    // Vert.x wraps the request handler in one that answers an HTTP version other than 1.0 and 1.1
    // with a bare 501 (no body, no hop record) and looks for WebSocket upgrades, which the router
    // does not accept; the listener's own handler refuses such a version with its JSON answer.
    internal.handler(handler);
    ChannelPipeline pipeline = internal.channelHandlerContext().pipeline();
    if (pipeline.get(DECODER) == null || pipeline.get(ENCODER) == null) {
      return;
    }
    ConnectionDeadlines deadlines =
        new ConnectionDeadlines(headerTimeoutMillis, keepAliveTimeoutMillis);
    pipeline.replace(DECODER, DECODER, new RequestHeadDecoder(options, deadlines));
    pipeline.addAfter(ENCODER, "prooflaneDeadlines", deadlines);
  }
}
