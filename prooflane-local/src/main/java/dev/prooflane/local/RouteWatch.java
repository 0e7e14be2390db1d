package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import dev.prooflane.routing.ForkTarget;
import dev.prooflane.routing.SandboxRoute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
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
   * Reads the sandbox routes of the table in force from {@code routes}, {@code created} saying when
   * each sandbox was created: a new version when they differ from the last ones. They are read
   * under this watch's lock, so that of two changes that race, the later table is kept.
   */
  synchronized void changed(
      Supplier<Collection<SandboxRoute>> routes, Function<String, Instant> created) {
    List<RoutedSandbox> sandboxes = new ArrayList<>();
    for (SandboxRoute route : routes.get()) {
      Map<String, String> forks = new TreeMap<>();
      route.forks().forEach((service, target) -> forks.put(service, state(target)));
      sandboxes.add(
          new RoutedSandbox(
              route.sandbox(), route.key().value(), created.apply(route.sandbox()), forks));
    }
    sandboxes.sort(Comparator.comparing(RoutedSandbox::name));
    if (sandboxes.equals(current.sandboxes())) {
      return;
    }
    Snapshot next = new Snapshot(current.version() + 1, sandboxes);
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

  private static String state(ForkTarget target) {
    return target instanceof ForkTarget.Running ? UP : DOWN;
  }
}
