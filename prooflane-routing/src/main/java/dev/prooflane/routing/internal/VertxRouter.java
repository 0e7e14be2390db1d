package dev.prooflane.routing.internal;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;
import dev.prooflane.routing.HopLog;
import dev.prooflane.routing.RouteTable;
import dev.prooflane.routing.Router;
import dev.prooflane.routing.RouterOptions;
import dev.prooflane.routing.Upstream;
import dev.prooflane.routing.key.KeyExtractor;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The {@link Router} on Vert.x core: each listener is a shared {@code HttpServer} with one instance
 * per event loop; each upstream identity has its own {@code HttpClient} pool.
 */
public final class VertxRouter implements Router {
  /** Connections kept per upstream; enough for a 64-connection load test without queueing. */
  static final int CONNECTIONS_PER_UPSTREAM = 128;

  /** Idle pooled connections close after this, below the common 5 s server keep-alive. */
  static final int POOLED_KEEP_ALIVE_SECONDS = 4;

  /** Room for an 8,192-byte baggage header next to the other headers; more gets {@code 431}. */
  static final int MAX_HEADER_BYTES = 64 * 1024;

  /** Longer request lines get {@code 414}; the common server default (Apache, nginx). */
  static final int MAX_REQUEST_LINE = 8 * 1024;

  private final Vertx vertx;
  private final RouterOptions options;
  private final int eventLoops;
  private final KeyExtractor extractor;
  private final Set<String> undroppable;
  private final RingHopLog hopLog;
  private final HttpServerOptions serverOptions;
  private final HttpClientOptions clientOptions;
  private final PoolOptions poolOptions;
  private final AtomicReference<RouteState> state;
  private final Map<String, Listener> listeners = new HashMap<>();

  /** The pools being shut down, by upstream, until every connection of theirs has closed. */
  private final Map<Upstream, CompletableFuture<Void>> draining = new ConcurrentHashMap<>();

  private final AtomicInteger listenerIds = new AtomicInteger();
  private boolean closed;

  private record Listener(String deploymentId, int port) {}

  private VertxRouter(RouterOptions options) {
    this.options = options;
    this.eventLoops = Math.max(2, Runtime.getRuntime().availableProcessors());
    this.vertx =
        Vertx.vertx(
            new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true));
    this.extractor = new KeyExtractor(options.keyNames());
    this.undroppable = HeaderNames.undroppable(options.keyNames());
    this.hopLog = new RingHopLog(options.hopLogCapacity());
    this.serverOptions =
        new HttpServerOptions()
            .setMaxHeaderSize(MAX_HEADER_BYTES)
            .setMaxInitialLineLength(MAX_REQUEST_LINE)
            .setHandle100ContinueAutomatically(true)
            // HTTP/1.1 only: no h2c upgrade or prior-knowledge HTTP/2 (a classic way to tunnel
            // past a proxy's checks), and the pipeline is complete before the first byte is read,
            // so ListenerVerticle can swap in the hardened request decoder.
            .setHttp2ClearTextEnabled(false)
            .setTcpNoDelay(true);
    this.clientOptions =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setKeepAliveTimeout(POOLED_KEEP_ALIVE_SECONDS)
            .setConnectTimeout(Math.toIntExact(options.connectTimeout().toMillis()))
            .setMaxHeaderSize(MAX_HEADER_BYTES)
            .setMaxInitialLineLength(MAX_REQUEST_LINE)
            .setTcpNoDelay(true);
    this.poolOptions = new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_UPSTREAM);
    this.state = new AtomicReference<>(new RouteState(RouteTable.empty(), Map.of()));
  }

  /** Starts a router; see {@link Router#start}. */
  public static Router start(RouterOptions options) {
    requireNonNull(options, "options");
    return new VertxRouter(options);
  }

  @Override
  public int listen(String service, int port) {
    requireNonNull(service, "service");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
    }
    String what = "listener for service '" + service + "' on " + options.host() + ":" + port;
    synchronized (listeners) {
      checkOpen();
      Listener existing = listeners.get(service);
      if (existing != null) {
        throw new ProoflaneException(
            what
                + ": service already has a listener on port "
                + existing.port()
                + " (expected: unlisten it first)");
      }
      ProxyHandler handler = new ProxyHandler(service, this);
      PortSlot slot = new PortSlot(port, listenerIds.incrementAndGet());
      Future<String> deployed =
          vertx.deployVerticle(
              () ->
                  new ListenerVerticle(
                      serverOptions,
                      handler,
                      options.host(),
                      slot,
                      options.headerTimeout().toMillis(),
                      options.keepAliveTimeout().toMillis()),
              new DeploymentOptions().setInstances(eventLoops));
      String deploymentId = Blocking.await(deployed, what);
      int bound = Blocking.await(slot.port(), what);
      listeners.put(service, new Listener(deploymentId, bound));
      return bound;
    }
  }

  @Override
  public void unlisten(String service) {
    requireNonNull(service, "service");
    synchronized (listeners) {
      Listener listener = listeners.remove(service);
      if (listener != null) {
        Blocking.await(
            vertx.undeploy(listener.deploymentId()),
            "closing the listener of service '" + service + "'");
      }
    }
  }

  @Override
  public Map<String, Integer> listeners() {
    synchronized (listeners) {
      Map<String, Integer> ports = new TreeMap<>();
      listeners.forEach((service, listener) -> ports.put(service, listener.port()));
      return ports;
    }
  }

  @Override
  public RouteTable routes() {
    return state.get().table();
  }

  @Override
  public void update(UnaryOperator<RouteTable> change) {
    requireNonNull(change, "change");
    while (true) {
      RouteState current = state.get();
      RouteTable table =
          requireNonNull(change.apply(current.table()), "route table returned by change");
      RouteState next = new RouteState(table, poolsFor(table, current.clients()));
      if (state.compareAndSet(current, next)) {
        shutDownUnused(current.clients(), next.clients());
        return;
      }
    }
  }

  private Map<Upstream, UpstreamClient> poolsFor(
      RouteTable table, Map<Upstream, UpstreamClient> previous) {
    Set<Upstream> upstreams = table.upstreams();
    Map<Upstream, UpstreamClient> pools = new HashMap<>(upstreams.size() * 2);
    for (Upstream upstream : upstreams) {
      UpstreamClient pool = previous.get(upstream);
      pools.put(
          upstream,
          pool != null ? pool : new UpstreamClient(upstream, vertx, clientOptions, poolOptions));
    }
    return Map.copyOf(pools);
  }

  private void shutDownUnused(
      Map<Upstream, UpstreamClient> previous, Map<Upstream, UpstreamClient> next) {
    long grace = options.idleTimeout().toMillis();
    for (UpstreamClient pool : previous.values()) {
      if (next.get(pool.upstream()) != pool) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        draining.put(pool.upstream(), closed);
        pool.shutdown(grace)
            .onComplete(
                done -> {
                  draining.remove(pool.upstream(), closed);
                  closed.complete(null);
                });
      }
    }
  }

  @Override
  public CompletableFuture<Void> drained(Upstream upstream) {
    requireNonNull(upstream, "upstream");
    CompletableFuture<Void> closing = draining.get(upstream);
    return closing == null ? CompletableFuture.completedFuture(null) : closing.copy();
  }

  @Override
  public HopLog hops() {
    return hopLog;
  }

  @Override
  public void close() {
    List<String> deployments = new ArrayList<>();
    synchronized (listeners) {
      if (closed) {
        return;
      }
      closed = true;
      listeners.values().forEach(listener -> deployments.add(listener.deploymentId()));
      listeners.clear();
    }
    RouteState last = state.getAndSet(new RouteState(RouteTable.empty(), Map.of()));
    for (UpstreamClient pool : last.clients().values()) {
      pool.shutdown(0);
    }
    Blocking.await(vertx.close(), "closing the router");
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("router is closed (expected: start a new one)");
    }
  }

  RouteState state() {
    return state.get();
  }

  KeyExtractor extractor() {
    return extractor;
  }

  RingHopLog hopLog() {
    return hopLog;
  }

  long idleTimeoutMillis() {
    return options.idleTimeout().toMillis();
  }

  int maxHops() {
    return options.maxHops();
  }

  int maxHeaders() {
    return options.maxHeaders();
  }

  /**
   * The headers a {@code Connection} header cannot make the router drop: see {@link HeaderNames}.
   */
  Set<String> undroppable() {
    return undroppable;
  }
}
