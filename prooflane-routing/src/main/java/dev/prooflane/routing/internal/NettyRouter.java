package dev.prooflane.routing.internal;

import static java.util.Objects.requireNonNull;

import dev.prooflane.keys.KeyExtractor;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.routing.HopLog;
import dev.prooflane.routing.RouteTable;
import dev.prooflane.routing.Router;
import dev.prooflane.routing.RouterOptions;
import dev.prooflane.routing.Upstream;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The {@link Router} on Netty: each listener is a server socket whose connections are spread over
 * the router's event loops; each upstream identity has its own pool of keep-alive connections per
 * event loop, so an exchange stays on one thread from the client's bytes to the upstream's answer.
 */
public final class NettyRouter implements Router {
  /** Room for an 8,192-byte baggage header next to the other headers; more gets {@code 431}. */
  static final int MAX_HEADER_BYTES = 64 * 1024;

  /** Longer request lines get {@code 414}; the common server default (Apache, nginx). */
  static final int MAX_REQUEST_LINE = 8 * 1024;

  private final RouterOptions options;
  private final EventLoops loops;
  private final KeyExtractor extractor;
  private final Set<String> undroppable;
  private final RingHopLog hopLog;
  private final HttpDecoderConfig requestDecoder;
  private final Bootstrap upstreams;
  private final UpstreamOptions upstreamOptions;
  private final AtomicReference<RouteState> state;

  /** The listeners' TLS, or null when they speak cleartext only. */
  private final SslContext tls;

  private final Map<String, Listener> listeners = new HashMap<>();

  /** The pools being shut down, by upstream, until every connection of theirs has closed. */
  private final Map<Upstream, CompletableFuture<Void>> draining = new ConcurrentHashMap<>();

  private boolean closed;

  private record Listener(Channel server, ChannelGroup connections, int port) {}

  private NettyRouter(RouterOptions options) {
    this.options = options;
    // before the event loops start: a context the JDK refuses leaves nothing running
    this.tls = options.tls().map(ServerTls::context).orElse(null);
    this.loops = EventLoops.start(Math.max(2, Runtime.getRuntime().availableProcessors()));
    this.extractor = new KeyExtractor(options.keyNames());
    this.undroppable = HeaderNames.undroppable(options.keyNames());
    this.hopLog = new RingHopLog(options.hopLogCapacity());
    this.requestDecoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_REQUEST_LINE)
            .setMaxHeaderSize(MAX_HEADER_BYTES);
    this.upstreamOptions =
        new UpstreamOptions(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE)
                .setMaxHeaderSize(MAX_HEADER_BYTES),
            options.idleTimeout().toMillis());
    this.upstreams =
        new Bootstrap()
            .channel(loops.channel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                Math.toIntExact(options.connectTimeout().toMillis()))
            .group(loops.group());
    this.state = new AtomicReference<>(new RouteState(RouteTable.empty(), ShardedMap.empty()));
  }

  /**
   * Starts a router; see {@link Router#start}. Netty's buffer leak detector samples one buffer in
   * 128 by default and records a stack trace for it, which costs about 2.5 us of CPU per proxied
   * request: the router switches it off for the process unless {@code io.netty.leakDetection.level}
   * is set (the tests set it).
   */
  public static Router start(RouterOptions options) {
    requireNonNull(options, "options");
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    return new NettyRouter(options);
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
      ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
      ServerBootstrap server =
          new ServerBootstrap()
              .group(loops.group())
              .channel(loops.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.AUTO_READ, false)
              .childHandler(new ClientInitializer(service, this, requestDecoder, connections));
      ChannelFuture binding = server.bind(options.host(), port);
      Blocking.await(binding, what);
      Channel bound = binding.channel();
      int actual = ((InetSocketAddress) bound.localAddress()).getPort();
      listeners.put(service, new Listener(bound, connections, actual));
      return actual;
    }
  }

  @Override
  public void unlisten(String service) {
    requireNonNull(service, "service");
    synchronized (listeners) {
      Listener listener = listeners.remove(service);
      if (listener != null) {
        close(listener, "closing the listener of service '" + service + "'");
      }
    }
  }

  private static void close(Listener listener, String what) {
    Blocking.await(listener.server().close(), what);
    listener.connections().close().awaitUninterruptibly(5, TimeUnit.SECONDS);
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
      // only the upstreams that changed: a table of thousands of sandboxes changes as fast as one
      RouteTable.UpstreamChanges changes = table.upstreamsChangedFrom(current.table());
      ShardedMap<Upstream, UpstreamPool> pools = current.pools();
      List<UpstreamPool> unused = new ArrayList<>();
      for (Upstream gone : changes.removed()) {
        UpstreamPool pool = pools.get(gone);
        if (pool != null) {
          unused.add(pool);
          pools = pools.without(gone);
        }
      }
      for (Upstream added : changes.added()) {
        if (pools.get(added) == null) {
          pools = pools.with(added, new UpstreamPool(added, upstreams, upstreamOptions));
        }
      }
      if (state.compareAndSet(current, new RouteState(table, pools))) {
        shutDown(unused);
        return;
      }
    }
  }

  private void shutDown(List<UpstreamPool> unused) {
    long grace = options.idleTimeout().toMillis();
    for (UpstreamPool pool : unused) {
      CompletableFuture<Void> closing = pool.shutdown(grace);
      draining.put(pool.upstream(), closing);
      closing.whenComplete((done, failure) -> draining.remove(pool.upstream(), closing));
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
    Map<String, Listener> open;
    synchronized (listeners) {
      if (closed) {
        return;
      }
      closed = true;
      open = new HashMap<>(listeners);
      listeners.clear();
    }
    open.forEach(
        (service, listener) -> close(listener, "closing the listener of '" + service + "'"));
    RouteState last = state.getAndSet(new RouteState(RouteTable.empty(), ShardedMap.empty()));
    for (UpstreamPool pool : last.pools().values()) {
      pool.shutdown(0);
    }
    Blocking.await(loops.group().shutdownGracefully(0, 5, TimeUnit.SECONDS), "closing the router");
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

  int maxHops() {
    return options.maxHops();
  }

  int maxHeaders() {
    return options.maxHeaders();
  }

  /** The listeners' TLS, or null when they speak cleartext only. */
  SslContext tls() {
    return tls;
  }

  long headerTimeoutMillis() {
    return options.headerTimeout().toMillis();
  }

  long keepAliveTimeoutMillis() {
    return options.keepAliveTimeout().toMillis();
  }

  /**
   * The headers a {@code Connection} header cannot make the router drop: see {@link HeaderNames}.
   */
  Set<String> undroppable() {
    return undroppable;
  }
}
