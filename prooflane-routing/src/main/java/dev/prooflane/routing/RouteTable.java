package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import dev.prooflane.routing.internal.ShardedMap;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable snapshot of where every service's traffic goes: one baseline upstream per service
 * and the sandboxes that fork some of them.
 *
 * <p>Every {@code with...} method returns a new table. Lookups by routing key are hash lookups, so
 * a table with thousands of sandboxes costs the request path nothing extra; and a new table shares
 * all but a small part of its sandboxes with the one it was made from, so that adding a sandbox to
 * a table of thousands costs about what it costs in a table of a few (as does {@link
 * #upstreamsChangedFrom}).
 */
public final class RouteTable {
  private static final RouteTable EMPTY =
      new RouteTable(Map.of(), ShardedMap.empty(), ShardedMap.empty(), ShardedMap.empty());

  private final Map<String, Upstream> baselines;
  private final ShardedMap<String, SandboxRoute> sandboxesByName;
  private final ShardedMap<String, SandboxRoute> sandboxesByKey;

  /** How many times each upstream is referenced, by a baseline or a running fork. */
  private final ShardedMap<Upstream, Integer> upstreams;

  private RouteTable(
      Map<String, Upstream> baselines,
      ShardedMap<String, SandboxRoute> sandboxesByName,
      ShardedMap<String, SandboxRoute> sandboxesByKey,
      ShardedMap<Upstream, Integer> upstreams) {
    this.baselines = baselines;
    this.sandboxesByName = sandboxesByName;
    this.sandboxesByKey = sandboxesByKey;
    this.upstreams = upstreams;
  }

  /** The table with no baseline and no sandbox. */
  public static RouteTable empty() {
    return EMPTY;
  }

  /** This table with {@code service}'s baseline set to {@code upstream} (replacing any). */
  public RouteTable withBaseline(String service, Upstream upstream) {
    requireNonNull(service, "service");
    requireNonNull(upstream, "upstream");
    Map<String, Upstream> copy = new HashMap<>(baselines);
    Upstream previous = copy.put(service, upstream);
    ShardedMap<Upstream, Integer> refs = add(release(upstreams, previous), upstream);
    return new RouteTable(Collections.unmodifiableMap(copy), sandboxesByName, sandboxesByKey, refs);
  }

  /** This table without a baseline for {@code service}; unchanged if it had none. */
  public RouteTable withoutBaseline(String service) {
    requireNonNull(service, "service");
    if (!baselines.containsKey(service)) {
      return this;
    }
    Map<String, Upstream> copy = new HashMap<>(baselines);
    Upstream previous = copy.remove(service);
    return new RouteTable(
        Collections.unmodifiableMap(copy),
        sandboxesByName,
        sandboxesByKey,
        release(upstreams, previous));
  }

  /**
   * This table with {@code route} replacing the sandbox of the same name.
   *
   * <p>The route table is the one place that refuses a routing key another sandbox holds: adding a
   * sandbox through {@link Router#update} is how a runtime reserves its key.
   *
   * @throws RoutingKeyConflictException if another sandbox already uses the same routing key
   */
  public RouteTable withSandbox(SandboxRoute route) {
    requireNonNull(route, "route");
    String key = route.key().value();
    SandboxRoute holder = sandboxesByKey.get(key);
    if (holder != null && !holder.sandbox().equals(route.sandbox())) {
      throw new RoutingKeyConflictException(route.key(), route.sandbox(), holder.sandbox());
    }
    SandboxRoute previous = sandboxesByName.get(route.sandbox());
    ShardedMap<String, SandboxRoute> byKey = sandboxesByKey;
    ShardedMap<Upstream, Integer> refs = upstreams;
    if (previous != null) {
      byKey = byKey.without(previous.key().value());
      refs = release(refs, previous);
    }
    for (Upstream upstream : running(route)) {
      refs = add(refs, upstream);
    }
    return new RouteTable(
        baselines, sandboxesByName.with(route.sandbox(), route), byKey.with(key, route), refs);
  }

  /** This table without the sandbox named {@code sandbox}; unchanged if there is none. */
  public RouteTable withoutSandbox(String sandbox) {
    requireNonNull(sandbox, "sandbox");
    SandboxRoute previous = sandboxesByName.get(sandbox);
    if (previous == null) {
      return this;
    }
    return new RouteTable(
        baselines,
        sandboxesByName.without(sandbox),
        sandboxesByKey.without(previous.key().value()),
        release(upstreams, previous));
  }

  /** {@code refs} with one reference more to {@code upstream}. */
  private static ShardedMap<Upstream, Integer> add(
      ShardedMap<Upstream, Integer> refs, Upstream upstream) {
    Integer n = refs.get(upstream);
    return refs.with(upstream, n == null ? 1 : n + 1);
  }

  /** {@code refs} with one reference less to {@code upstream} (when not null). */
  private static ShardedMap<Upstream, Integer> release(
      ShardedMap<Upstream, Integer> refs, Upstream upstream) {
    if (upstream == null) {
      return refs;
    }
    Integer n = refs.get(upstream);
    if (n == null || n == 1) {
      return refs.without(upstream);
    }
    return refs.with(upstream, n - 1);
  }

  /** {@code refs} without the references of {@code route}'s running forks. */
  private static ShardedMap<Upstream, Integer> release(
      ShardedMap<Upstream, Integer> refs, SandboxRoute route) {
    for (Upstream upstream : running(route)) {
      refs = release(refs, upstream);
    }
    return refs;
  }

  private static Set<Upstream> running(SandboxRoute route) {
    Set<Upstream> out = new HashSet<>();
    for (ForkTarget target : route.forks().values()) {
      if (target instanceof ForkTarget.Running running) {
        out.add(running.upstream());
      }
    }
    return out;
  }

  /**
   * Where a request for {@code service} carrying {@code key} goes, by this table alone.
   *
   * <ul>
   *   <li>the key of a sandbox whose fork of {@code service} is running: {@link
   *       RouteDecision.ToFork}, whether or not the service has a baseline;
   *   <li>the key of a sandbox whose fork of {@code service} is down: {@link
   *       RouteDecision.ForkDown}, never the baseline;
   *   <li>no key, an unknown key, or the key of a sandbox that does not fork {@code service}:
   *       {@link RouteDecision.ToBaseline} saying which ({@link BaselineReason}), or {@link
   *       RouteDecision.NoBaseline} when the service has no baseline.
   * </ul>
   *
   * <p>Runs once per request: at most two hash lookups and one outcome record, nothing else
   * allocated unless the key belongs to a sandbox that does not fork the service.
   *
   * @param service the service whose listener took the request
   * @param key the routing key the request carries, or {@code null} when it carries none (a null,
   *     not an {@code Optional}, to keep the request path free of allocations)
   */
  public RouteDecision decide(String service, String key) {
    requireNonNull(service, "service");
    BaselineReason why = BaselineReason.UNKEYED;
    if (key != null) {
      SandboxRoute sandbox = sandboxesByKey.get(key);
      ForkTarget fork = sandbox == null ? null : sandbox.forks().get(service);
      if (fork instanceof ForkTarget.Running running) {
        return new RouteDecision.ToFork(sandbox.sandbox(), running.upstream());
      }
      if (fork instanceof ForkTarget.Down down) {
        return new RouteDecision.ForkDown(sandbox.sandbox(), service, sandbox.key(), down.reason());
      }
      why =
          sandbox == null
              ? BaselineReason.UNKNOWN_KEY
              : new BaselineReason.NotForked(sandbox.sandbox());
    }
    Upstream baseline = baselines.get(service);
    return baseline == null
        ? new RouteDecision.NoBaseline(service, why)
        : new RouteDecision.ToBaseline(baseline, why);
  }

  /** The baseline upstream of {@code service}, if one is configured. */
  public Optional<Upstream> baseline(String service) {
    return Optional.ofNullable(baselines.get(service));
  }

  /** Baseline upstreams by service name. */
  public Map<String, Upstream> baselines() {
    return baselines;
  }

  /** The sandbox whose routing key is {@code key}, if any. */
  public Optional<SandboxRoute> sandboxByKey(String key) {
    return Optional.ofNullable(sandboxesByKey.get(key));
  }

  /** The sandbox named {@code name}, if any. */
  public Optional<SandboxRoute> sandbox(String name) {
    return Optional.ofNullable(sandboxesByName.get(name));
  }

  /** Every sandbox in the table, in no particular order. */
  public Collection<SandboxRoute> sandboxes() {
    return sandboxesByName.values();
  }

  /** Every upstream the table sends traffic to: the baselines and the running forks. */
  public Set<Upstream> upstreams() {
    Set<Upstream> all = new HashSet<>();
    upstreams.forEach((upstream, n) -> all.add(upstream));
    return all;
  }

  /**
   * The upstreams this table sends traffic to and {@code previous} does not ({@code added}), and
   * those {@code previous} sends traffic to and this table does not ({@code removed}). For a table
   * made from {@code previous} by a few changes, it costs about what those changes touched, however
   * many sandboxes there are.
   *
   * @param added upstreams that need a connection pool now
   * @param removed upstreams whose connection pool is unused now
   */
  public record UpstreamChanges(Set<Upstream> added, Set<Upstream> removed) {
    public UpstreamChanges {
      added = Set.copyOf(added);
      removed = Set.copyOf(removed);
    }
  }

  /** See {@link UpstreamChanges}. */
  public UpstreamChanges upstreamsChangedFrom(RouteTable previous) {
    requireNonNull(previous, "previous");
    Set<Upstream> added = new HashSet<>();
    Set<Upstream> removed = new HashSet<>();
    upstreams.diff(
        previous.upstreams,
        (upstream, before, after) -> {
          if (before == null) {
            added.add(upstream);
          } else if (after == null) {
            removed.add(upstream);
          }
        });
    return new UpstreamChanges(added, removed);
  }

  @Override
  public String toString() {
    return "RouteTable[baselines=" + baselines + ", sandboxes=" + sandboxesByName.size() + "]";
  }
}
