package dev.prooflane.routing.internal;

import dev.prooflane.routing.Upstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * The connection pool of one upstream identity, created on first use and shut down once when the
 * route table stops referencing the upstream. After shutdown it hands out no client, so a caller
 * holding an older route table re-resolves against the current one.
 */
final class UpstreamClient {
  private final Upstream upstream;
  private final Vertx vertx;
  private final HttpClientOptions clientOptions;
  private final PoolOptions poolOptions;
  private volatile HttpClientAgent client;
  private volatile boolean shutDown;

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

  /** The pool's client, or null once shut down. */
  HttpClientAgent acquire() {
    HttpClientAgent current = client;
    if (current != null && !shutDown) {
      return current;
    }
    synchronized (this) {
      if (shutDown) {
        return null;
      }
      if (client == null) {
        client = vertx.createHttpClient(clientOptions, poolOptions);
      }
      return client;
    }
  }

  boolean isShutDown() {
    return shutDown;
  }

  /**
   * Stops handing out the pool; idle connections close now, busy ones after their exchange, and all
   * are closed after {@code graceMillis}.
   */
  Future<Void> shutdown(long graceMillis) {
    HttpClientAgent current;
    synchronized (this) {
      if (shutDown) {
        return Future.succeededFuture();
      }
      shutDown = true;
      current = client;
    }
    return current == null
        ? Future.succeededFuture()
        : current.shutdown(graceMillis, TimeUnit.MILLISECONDS);
  }
}
