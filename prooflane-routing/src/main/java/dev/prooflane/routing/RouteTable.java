package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

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
 * a table with thousands of sandboxes costs the request path nothing extra.
 */
public final class RouteTable {
  private static final RouteTable EMPTY = new RouteTable(Map.of(), Map.of(), Map.of());

  private final Map<String, Upstream> baselines;
  private final Map<String, SandboxRoute> sandboxesByName;
  private final Map<String, SandboxRoute> sandboxesByKey;

  private RouteTable(
      Map<String, Upstream> baselines,
      Map<String, SandboxRoute> sandboxesByName,
      Map<String, SandboxRoute> sandboxesByKey) {
    this.baselines = baselines;
    this.sandboxesByName = sandboxesByName;
    this.sandboxesByKey = sandboxesByKey;
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
    copy.put(service, upstream);
    return new RouteTable(Collections.unmodifiableMap(copy), sandboxesByName, sandboxesByKey);
  }

  /** This table without a baseline for {@code service}; unchanged if it had none. */
  public RouteTable withoutBaseline(String service) {
    requireNonNull(service, "service");
    if (!baselines.containsKey(service)) {
      return this;
    }
    Map<String, Upstream> copy = new HashMap<>(baselines);
    copy.remove(service);
    return new RouteTable(Collections.unmodifiableMap(copy), sandboxesByName, sandboxesByKey);
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
    Map<String, SandboxRoute> byName = new HashMap<>(sandboxesByName);
    Map<String, SandboxRoute> byKey = new HashMap<>(sandboxesByKey);
    SandboxRoute previous = byName.put(route.sandbox(), route);
    if (previous != null) {
      byKey.remove(previous.key().value());
    }
    byKey.put(key, route);
    return new RouteTable(
        baselines, Collections.unmodifiableMap(byName), Collections.unmodifiableMap(byKey));
  }

  /** This table without the sandbox named {@code sandbox}; unchanged if there is none. */
  public RouteTable withoutSandbox(String sandbox) {
    requireNonNull(sandbox, "sandbox");
    SandboxRoute previous = sandboxesByName.get(sandbox);
    if (previous == null) {
      return this;
    }
    Map<String, SandboxRoute> byName = new HashMap<>(sandboxesByName);
    Map<String, SandboxRoute> byKey = new HashMap<>(sandboxesByKey);
    byName.remove(sandbox);
    byKey.remove(previous.key().value());
    return new RouteTable(
        baselines, Collections.unmodifiableMap(byName), Collections.unmodifiableMap(byKey));
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
    Set<Upstream> all = new HashSet<>(baselines.values());
    for (SandboxRoute route : sandboxesByName.values()) {
      for (ForkTarget target : route.forks().values()) {
        if (target instanceof ForkTarget.Running running) {
          all.add(running.upstream());
        }
      }
    }
    return all;
  }

  @Override
  public String toString() {
    return "RouteTable[baselines=" + baselines + ", sandboxes=" + sandboxesByName.size() + "]";
  }
}
