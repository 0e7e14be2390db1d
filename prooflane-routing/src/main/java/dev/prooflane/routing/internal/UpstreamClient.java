package dev.prooflane.routing.internal;

import dev.prooflane.routing.Upstream;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The connection pools of one upstream identity, created on first use and shut down once when the
 * route table stops referencing the upstream. After shutdown it hands out no client, so a caller
 * holding an older route table re-resolves against the current one.
 *
 * <p>There is one pool per event loop: Vert.x creates a connection on the event loop of the request
 * that needed it, but its shared pool hands any idle connection to any event loop, and every
 * exchange on a connection of another loop then hops between threads several times. A pool per loop
 * keeps each exchange on the thread that accepted the client's request.
 */
final class UpstreamClient {
  private static final Slot[] NONE = new Slot[0];

  private final Upstream upstream;
  private final Vertx vertx;
  private final HttpClientOptions clientOptions;
  private final PoolOptions poolOptions;
  private volatile Slot[] slots = NONE;
  private volatile boolean shutDown;

  private record Slot(EventLoop loop, HttpClientAgent client) {}

  UpstreamClient(
      Upstream upstream, Vertx vertx, HttpClientOptions clientOptions, PoolOptions poolOptions) {
    this.upstream = upstream;
    this.vertx = vertx;
    this.clientOptions = clientOptions;
    this.poolOptions = poolOptions;
  }

  Upstream upstream() {
    return upstream;
  }

  /** The pool of the calling event loop (or a shared one off the loops), or null once shut down. */
  HttpClientAgent acquire() {
    ContextInternal context = ContextInternal.current();
    EventLoop loop = context == null ? null : context.nettyEventLoop();
    for (Slot slot : slots) {
      if (slot.loop() == loop) {
        return shutDown ? null : slot.client();
      }
    }
    synchronized (this) {
      if (shutDown) {
        return null;
      }
      Slot[] current = slots;
      for (Slot slot : current) {
        if (slot.loop() == loop) {
          return slot.client();
        }
      }
      HttpClientAgent client = vertx.createHttpClient(clientOptions, poolOptions);
      Slot[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = new Slot(loop, client);
      slots = next;
      return client;
    }
  }

  boolean isShutDown() {
    return shutDown;
  }

  /**
   * Stops handing out the pools; idle connections close now, busy ones after their exchange, and
   * all are closed after {@code graceMillis}.
   */
  Future<Void> shutdown(long graceMillis) {
    Slot[] current;
    synchronized (this) {
      if (shutDown) {
        return Future.succeededFuture();
      }
      shutDown = true;
      current = slots;
    }
    List<Future<Void>> closing = new ArrayList<>(current.length);
    for (Slot slot : current) {
      closing.add(slot.client().shutdown(graceMillis, TimeUnit.MILLISECONDS));
    }
    return Future.all(closing).mapEmpty();
  }
}
