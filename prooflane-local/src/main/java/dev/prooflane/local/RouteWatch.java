package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import dev.prooflane.routing.ForkTarget;
import dev.prooflane.routing.SandboxRoute;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sandboxes whose routes are in the route table, with a version that increases on every change
 * of that list (a sandbox added or removed, a fork up or down), for those who must follow it
 * without parsing requests: message consumers, which decide themselves which records are theirs.
 * Thread-safe.
 */
public final class RouteWatch {
  /** The state of a fork that takes traffic. */
  public static final String UP = "up";

  /** The state of a fork that does not (starting, exited): its records wait for it. */
  public static final String DOWN = "down";

  private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot current;

  /** The sandboxes of {@link #current}, by name; guarded by this watch. */
  private final NavigableMap<String, RoutedSandbox> byName = new TreeMap<>();

  /**
   * A watch whose first version is {@code first}. A daemon starts from its start time in
   * microseconds, so that a client that holds a version of an earlier daemon never holds the
   * current one by chance (it would wait for a change with stale routes).
   */
  RouteWatch(long first) {
    this.current = new Snapshot(first, List.of());
  }

  /**
   * A version of the list.
   *
   * @param version increases with every change of {@code sandboxes}
   * @param sandboxes by name
   */
  public record Snapshot(long version, List<RoutedSandbox> sandboxes) {
    public Snapshot {
      sandboxes = List.copyOf(sandboxes);
    }
  }

  /**
   * A sandbox in the route table.
   *
   * @param name the sandbox
   * @param key its routing key
   * @param created when it was created
   * @param forks {@value #UP} or {@value #DOWN} by forked service, in the order of their names
   */
  public record RoutedSandbox(String name, String key, Instant created, Map<String, String> forks) {
    public RoutedSandbox {
      requireNonNull(name, "name");
      requireNonNull(key, "key");
      requireNonNull(created, "created");
      forks = Collections.unmodifiableMap(new TreeMap<>(forks));
    }
  }

  /** The list now. */
  public Snapshot current() {
    return current;
  }

  /**
   * Calls {@code listener} with each new version from now on, on the thread that changed the
   * routes, while later changes wait: it must return at once (hand the snapshot to another thread).
   *
   * @return stops the calls
   */
  public Runnable onChange(Consumer<Snapshot> listener) {
    requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * Reads the routes of sandbox {@code name} in the table in force from {@code route} (empty once
   * it left the table), {@code created} saying when it was created: a new version when they differ
   * from the last ones. They are read under this watch's lock, so that of two changes that race,
   * the later table is kept. Only that sandbox is read and compared: a change costs the same
   * however many sandboxes there are (but for the new version's list, a copy of references).
   */
  synchronized void changed(
      String name, Supplier<Optional<SandboxRoute>> route, Supplier<Instant> created) {
    RoutedSandbox now = route.get().map(r -> routed(r, created.get())).orElse(null);
    RoutedSandbox before = now == null ? byName.remove(name) : byName.put(name, now);
    if (Objects.equals(before, now)) {
      return;
    }
    Snapshot next = new Snapshot(current.version() + 1, List.copyOf(byName.values()));
    current = next;
    for (Consumer<Snapshot> listener : listeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        // the routes changed whatever a listener does; the others must hear it too
        System.err.println("prooflane: a route listener failed: " + e);
      }
    }
  }

  private static RoutedSandbox routed(SandboxRoute route, Instant created) {
    Map<String, String> forks = new TreeMap<>();
    route.forks().forEach((service, target) -> forks.put(service, state(target)));
    return new RoutedSandbox(route.sandbox(), route.key().value(), created, forks);
  }

  private static String state(ForkTarget target) {
    return target instanceof ForkTarget.Running ? UP : DOWN;
  }
}
