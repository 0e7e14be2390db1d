package dev.prooflane.actions.testing;

import dev.prooflane.model.KeyNames;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.Protocol;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.routing.ForkTarget;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.routing.Router;
import dev.prooflane.routing.RouterOptions;
import dev.prooflane.routing.SandboxRoute;
import dev.prooflane.routing.Upstream;
import dev.prooflane.runtime.DropRecords;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An environment of gRPC services behind the real router on loopback: one listener per service,
 * baselines and sandboxes' forks as gRPC upstreams, the router's own hop records. Instances keep no
 * logs here.
 */
public final class RoutedEnvironment implements RuntimeAccess, AutoCloseable {
  private final Router router = Router.start(RouterOptions.defaults());
  private final Map<String, Integer> listeners = new TreeMap<>();
  private final Map<String, SandboxInfo> sandboxes = new TreeMap<>();

  /** Adds a service whose baseline listens on {@code port} (gRPC), behind its own listener. */
  public RoutedEnvironment grpcService(String name, int port) {
    listeners.put(name, router.listen(name, 0));
    router.update(t -> t.withBaseline(name, upstream(port, "baseline/" + name)));
    return this;
  }

  /** Adds a sandbox forking services to the gRPC instances listening on the given ports. */
  public RoutedEnvironment sandbox(String name, String key, Map<String, Integer> forks) {
    Map<String, ForkTarget> targets = new LinkedHashMap<>();
    forks.forEach(
        (service, port) ->
            targets.put(service, new ForkTarget.Running(upstream(port, name + "/" + service))));
    router.update(t -> t.withSandbox(new SandboxRoute(name, new RoutingKey(key), targets)));
    sandboxes.put(
        name, new SandboxInfo(name, new RoutingKey(key), List.copyOf(forks.keySet()), "READY"));
    return this;
  }

  private static Upstream upstream(int port, String instance) {
    return new Upstream("127.0.0.1", port, instance, Protocol.GRPC);
  }

  /** Closes the listener of {@code service}, so that calls to it are refused. */
  public void stop(String service) {
    router.unlisten(service);
  }

  /** The router's records of this environment's exchanges. */
  public List<HopRecord> hopRecords() {
    return router.hops().since(0);
  }

  @Override
  public String environment() {
    return "routed";
  }

  @Override
  public KeyNames keyNames() {
    return KeyNames.DEFAULT;
  }

  @Override
  public Set<String> services() {
    return listeners.keySet();
  }

  @Override
  public URI serviceUri(String service) {
    Integer port = listeners.get(service);
    if (port == null) {
      throw new NotFoundException("service", service, "");
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public Optional<SandboxInfo> sandbox(String name) {
    return Optional.ofNullable(sandboxes.get(name));
  }

  @Override
  public long logCursor(String service, Optional<String> sandbox) {
    return 0;
  }

  @Override
  public List<LogEntry> logsSince(String service, Optional<String> sandbox, long cursor) {
    return List.of();
  }

  @Override
  public long hopCursor() {
    List<HopRecord> last = router.hops().recent(1);
    return last.isEmpty() ? 0 : last.get(0).seq();
  }

  @Override
  public List<HopEntry> hopsSince(long cursor) {
    return router.hops().since(cursor).stream()
        .map(
            h ->
                new HopEntry(
                    h.seq(),
                    h.time(),
                    h.traceId(),
                    h.routingKey(),
                    h.service(),
                    h.destination(),
                    h.method(),
                    h.path(),
                    h.status(),
                    h.durationMicros()))
        .toList();
  }

  @Override
  public boolean hopsInFlight(String traceId) {
    return router.hops().inFlight(traceId);
  }

  /** gRPC services here have no drop detector. */
  @Override
  public DropRecords drops(String key) {
    return DropRecords.NONE;
  }

  @Override
  public void close() {
    router.close();
  }
}
