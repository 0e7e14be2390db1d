package dev.prooflane.routing.internal;

import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.impl.HttpServerConnection;

/**
 * The mark on a client connection that the router refused a request on and is closing: a request
 * pipelined behind that refusal (sent in the same bytes, before the client could see the answer) is
 * dropped, never forwarded.
 *
 * <p>Vert.x hands the next pipelined request to the listener as soon as the refusal's response
 * ends, which is before the connection is closed, so the mark is set before that response is
 * written. It lives on the Netty channel, which is exactly as long-lived as the connection.
 */
final class ClosingMark {
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("prooflane.closing");

  private ClosingMark() {}

  /** Marks {@code connection} as closing; nothing read on it from now on is served. */
  static void set(HttpConnection connection) {
    if (connection instanceof HttpServerConnection internal) {
      internal.channelHandlerContext().channel().attr(CLOSING).set(Boolean.TRUE);
    }
  }

  /** Whether {@code connection} was marked as closing. */
  static boolean isSet(HttpConnection connection) {
    return connection instanceof HttpServerConnection internal
        && internal.channelHandlerContext().channel().hasAttr(CLOSING);
  }
}
