package dev.prooflane.routing.internal;

import dev.prooflane.routing.Upstream;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keep-alive connections of one upstream identity, created on first use and shut down once when
 * the route table stops referencing the upstream. After shutdown it hands out no connection, so a
 * caller holding an older route table re-resolves against the current one.
 *
 * <p>There is one pool per event loop, touched only by its loop: an exchange uses a connection of
 * the loop that accepted the client's connection, so it never changes threads and takes no lock.
 */
final class UpstreamPool {
  private static final LoopPool[] NONE = new LoopPool[0];

  private final Upstream upstream;
  private final InetSocketAddress address;
  private final Bootstrap bootstrap;
  private final UpstreamOptions options;
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final AtomicInteger openLoops = new AtomicInteger();
  private volatile LoopPool[] loops = NONE;
  private volatile boolean shutDown;

  /**
   * @param bootstrap connects to upstreams with the router's socket options; its group and handler
   *     are set per connection
   * @param options what each connection is set up with
   */
  UpstreamPool(Upstream upstream, Bootstrap bootstrap, UpstreamOptions options) {
    this.upstream = upstream;
    this.address = new InetSocketAddress(upstream.host(), upstream.port());
    this.bootstrap = bootstrap;
    this.options = options;
  }

  Upstream upstream() {
    return upstream;
  }

  boolean isShutDown() {
    return shutDown;
  }

  /**
   * Hands {@code exchange} a connection on {@code loop} (the caller's): an idle one at once, or a
   * new one once connected ({@link Exchange#connected} or {@link Exchange#connectFailed}); for an
   * HTTP/2 upstream, a new stream of the loop's connection to it. Returns false, doing nothing,
   * once the pool is shut down.
   */
  boolean acquire(EventLoop loop, Exchange exchange) {
    return acquire(loop, exchange, false);
  }

  /**
   * As {@link #acquire(EventLoop, Exchange)}; with {@code dedicated}, always a new HTTP/1.1
   * connection, never an idle one (a WebSocket handshake: the connection becomes the tunnel's).
   */
  boolean acquire(EventLoop loop, Exchange exchange, boolean dedicated) {
    if (shutDown) {
      return false;
    }
    LoopPool pool = loopPool(loop);
    if (pool == null) {
      return false;
    }
    if (upstream.protocol().http2() && !dedicated) {
      pool.stream(exchange);
      return true;
    }
    UpstreamConnection idle = dedicated ? null : pool.pollIdle();
    if (idle != null) {
      exchange.connected(idle, true);
      return true;
    }
    UpstreamConnection connection = new UpstreamConnection(pool, options, false);
    pool.open++;
    pool.all.add(connection);
    ChannelFuture connecting =
        bootstrap.clone(loop).handler(connection.initializer()).connect(address);
    connecting.addListener(
        done -> {
          if (done.isSuccess()) {
            exchange.connected(connection, false);
          } else {
            exchange.connectFailed(done.cause());
          }
        });
    return true;
  }

  private LoopPool loopPool(EventLoop loop) {
    for (LoopPool pool : loops) {
      if (pool.loop == loop) {
        return pool;
      }
    }
    synchronized (this) {
      if (shutDown) {
        return null;
      }
      LoopPool[] current = loops;
      for (LoopPool pool : current) {
        if (pool.loop == loop) {
          return pool;
        }
      }
      LoopPool pool = new LoopPool(loop);
      LoopPool[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = pool;
      openLoops.incrementAndGet();
      loops = next;
      return pool;
    }
  }

  /**
   * Stops handing out connections; idle ones close now, busy ones after their exchange, and all are
   * closed after {@code graceMillis}. The future completes once every connection has closed.
   */
  CompletableFuture<Void> shutdown(long graceMillis) {
    LoopPool[] current;
    synchronized (this) {
      if (shutDown) {
        return drained;
      }
      shutDown = true;
      current = loops;
    }
    if (current.length == 0) {
      drained.complete(null);
    }
    for (LoopPool pool : current) {
      pool.loop.execute(pool::shutDown);
      pool.loop.schedule(pool::closeAll, graceMillis, TimeUnit.MILLISECONDS);
    }
    return drained;
  }

  CompletableFuture<Void> drained() {
    return drained;
  }

  /** The connections of one event loop; every method runs on that loop. */
  final class LoopPool {
    private final EventLoop loop;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final Set<UpstreamConnection> all = new HashSet<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private Http2Upstream http2;
    private int open;
    private boolean closed;

    LoopPool(EventLoop loop) {
      this.loop = loop;
    }

    Upstream upstream() {
      return upstream;
    }

    private UpstreamConnection pollIdle() {
      UpstreamConnection connection;
      while ((connection = idle.pollLast()) != null) {
        if (connection.isOpen()) {
          return connection;
        }
      }
      return null;
    }

    /**
     * Opens a stream for {@code exchange} on the loop's HTTP/2 connection to the upstream,
     * connecting it first when there is none (the exchanges that arrive meanwhile wait for it).
     */
    private void stream(Exchange exchange) {
      if (http2 != null && http2.isOpen()) {
        http2.open(exchange, options);
        return;
      }
      waiting.add(exchange);
      if (http2 != null && http2.isConnecting()) {
        return;
      }
      open++;
      http2 =
          Http2Upstream.connect(bootstrap.clone(loop), address, options, this, this::http2Ready);
    }

    private void http2Ready(Http2Upstream connection, Throwable failure) {
      Exchange exchange;
      while ((exchange = waiting.poll()) != null) {
        if (failure == null) {
          connection.open(exchange, options);
        } else {
          exchange.connectFailed(failure);
        }
      }
    }

    /** The HTTP/2 connection closed (or never connected): the next exchange opens another. */
    void http2Closed(Http2Upstream connection) {
      if (http2 == connection) {
        http2 = null;
      }
      open--;
      if (shutDown && open == 0) {
        loopDrained();
      }
    }

    /** Takes {@code connection} back after a clean exchange; false when it must close instead. */
    boolean release(UpstreamConnection connection) {
      if (shutDown || !connection.isOpen()) {
        return false;
      }
      idle.addLast(connection);
      return true;
    }

    /** {@code connection} closed: it leaves the pool. */
    void closed(UpstreamConnection connection) {
      idle.remove(connection);
      if (all.remove(connection)) {
        open--;
      }
      if (shutDown && open == 0) {
        loopDrained();
      }
    }

    private void shutDown() {
      for (UpstreamConnection connection : idle.toArray(new UpstreamConnection[0])) {
        connection.close();
      }
      idle.clear();
      if (http2 != null) {
        http2.close(); // graceful: GOAWAY, the open streams finish
      }
      if (open == 0) {
        loopDrained();
      }
    }

    private void closeAll() {
      for (UpstreamConnection connection : all.toArray(new UpstreamConnection[0])) {
        connection.close();
      }
    }

    private void loopDrained() {
      if (!closed) {
        closed = true;
        if (openLoops.decrementAndGet() == 0) {
          drained.complete(null);
        }
      }
    }
  }
}
