package dev.prooflane.routing.internal;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * The port shared by the server instances of one listener. Vert.x shares one socket among servers
 * that listen on the same host and port; for "any free port" it shares servers that listen on the
 * same negative port, so each such listener gets its own negative number.
 */
final class PortSlot {
  private final int listenPort;
  private final Promise<Integer> bound = Promise.promise();

  /**
   * @param requested the port asked for, 0 for any
   * @param uniqueId a number no other listener of this Vert.x instance uses, from 1
   */
  PortSlot(int requested, int uniqueId) {
    this.listenPort = requested == 0 ? -uniqueId : requested;
  }

  int listenPort() {
    return listenPort;
  }

  void bound(int port) {
    bound.tryComplete(port);
  }

  Future<Integer> port() {
    return bound.future();
  }
}
