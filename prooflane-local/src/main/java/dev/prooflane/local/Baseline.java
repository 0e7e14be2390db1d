package dev.prooflane.local;

import dev.prooflane.local.process.LogBuffer;
import dev.prooflane.model.Durations;
import dev.prooflane.model.Environment;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.routing.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The baseline services of a local environment: one supervised instance per service. An instance
 * that exits is started again, after 1 s, then 2, 4... up to 30 s while it keeps failing; until it
 * is healthy again, unkeyed requests to the service get 503 (never a fork).
 *
 * <p>An instance can also be replaced on purpose ({@link #replace}): the new one is already
 * healthy, the route swaps to it in one step, and the old one stops once the router has finished
 * the requests in flight on it.
 */
final class Baseline {
  /** An instance that ran this long before it exited starts its backoff from the beginning. */
  private static final Duration STABLE = Duration.ofMinutes(1);

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** The longest a replaced instance gets to finish the requests in flight on it. */
  static final Duration DRAIN = Duration.ofSeconds(30);

  private final Supplier<Environment> env;
  private final Router router;
  private final InstanceLauncher launcher;
  private final Map<String, Integer> routerPorts;
  private final RuntimeValues values;
  private final Map<String, Instance> instances = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
  private final Map<String, Integer> exits = new ConcurrentHashMap<>();
  private final ScheduledExecutorService restarter =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "prooflane-baseline-restart");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean stopping;

  /**
   * The baseline of the environment {@code env} returns at each call (it changes when a new
   * environment file is applied), whose instances reach each other at {@code routerPorts} (read at
   * each start, so services added later are included) and the {@code values} of the Kafka and
   * database placeholders.
   */
  Baseline(
      Supplier<Environment> env,
      Router router,
      InstanceLauncher launcher,
      Map<String, Integer> routerPorts,
      RuntimeValues values) {
    this.env = env;
    this.router = router;
    this.launcher = launcher;
    this.routerPorts = routerPorts;
    this.values = values;
  }

  /** Starts every service in parallel (they reach each other through the router, already open). */
  void startAll(Consumer<String> progress) {
    Environment current = env.get();
    List<CompletableFuture<Instance>> starts = new ArrayList<>();
    for (ServiceSpec spec : current.services().values()) {
      starts.add(CompletableFuture.supplyAsync(() -> install(launch(current, spec, progress))));
    }
    List<String> errors = InstanceLauncher.failures(starts);
    if (!errors.isEmpty()) {
      throw new ProoflaneException("the baseline did not come up:\n" + String.join("\n", errors));
    }
  }

  /**
   * Starts an instance of {@code spec}, resolved as {@code environment} says, and returns once it
   * is healthy; no request reaches it until it is {@linkplain #install installed} or {@linkplain
   * #replace swapped in}.
   */
  Instance launch(Environment environment, ServiceSpec spec, Consumer<String> progress) {
    return launcher.launch(
        "baseline",
        spec,
        port -> InstancePlan.baseline(environment, spec, port, routerPorts, values.baseline()),
        progress);
  }

  /**
   * Makes {@code instance} the baseline of its service: the route swaps to it and its exit is
   * watched. Returns it.
   */
  Instance install(Instance instance) {
    put(instance);
    return instance;
  }

  /**
   * Makes {@code fresh} the baseline of its service in one route swap, then stops the instance it
   * replaced once the router no longer uses it (at most {@link #DRAIN} later).
   *
   * @return the pid of the replaced instance, or 0 when there was none
   */
  long replace(Instance fresh, Consumer<String> progress) {
    Instance old = put(fresh);
    if (old == null) {
      return 0;
    }
    progress.accept(
        "  "
            + fresh.service()
            + ": requests now reach pid "
            + fresh.process().pid()
            + "; stopping pid "
            + old.process().pid()
            + " once its requests in flight are answered");
    retire(old, progress);
    return old.process().pid();
  }

  /** Stops the instance of {@code service} and forgets the service; its route goes first. */
  void remove(String service, Consumer<String> progress) {
    Instance old;
    synchronized (this) {
      old = instances.remove(service);
      router.update(t -> t.withoutBaseline(service));
    }
    failures.remove(service);
    restarts.remove(service);
    if (old != null) {
      progress.accept("  " + service + ": removed; stopping pid " + old.process().pid());
      retire(old, progress);
    }
  }

  /** Stops an instance that never served (a change that did not take effect). */
  void discard(Instance instance) {
    launcher.stop(instance);
  }

  /** The instance of {@code service} now, or null. */
  Instance instance(String service) {
    return instances.get(service);
  }

  /** Puts {@code fresh} in place and routes to it; returns the instance it replaced, or null. */
  private Instance put(Instance fresh) {
    String name = fresh.service();
    Instance old;
    synchronized (this) {
      if (stopping) {
        // stopAll ran while this instance was starting: it must not outlive the runtime
        launcher.stop(fresh);
        throw new ProoflaneException("the runtime stopped while " + name + " started");
      }
      old = instances.put(name, fresh);
      router.update(t -> t.withBaseline(name, fresh.upstream()));
    }
    failures.remove(name);
    if (old != null) {
      restarts.remove(name);
    }
    watch(fresh);
    return old;
  }

  /** Stops {@code old} once the router has finished the requests in flight on it. */
  private void retire(Instance old, Consumer<String> progress) {
    try {
      router.drained(old.upstream()).get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      progress.accept(
          "  "
              + old.service()
              + ": requests still in flight on pid "
              + old.process().pid()
              + " after "
              + Durations.format(DRAIN)
              + "; stopping it anyway");
    } catch (ExecutionException e) {
      // the router closed: nothing is in flight any more
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    launcher.stop(old);
  }

  private void watch(Instance instance) {
    long startedAt = System.nanoTime();
    instance.process().onExit().thenAccept(code -> exited(instance, code, startedAt));
  }

  private void exited(Instance instance, int code, long startedAt) {
    String name = instance.service();
    synchronized (this) {
      if (stopping || instances.get(name) != instance) {
        return; // stopped on purpose: the runtime stops, or it was replaced or removed
      }
      router.update(t -> t.withoutBaseline(name));
    }
    exits.merge(name, 1, Integer::sum);
    boolean stable = System.nanoTime() - startedAt >= STABLE.toNanos();
    int attempt = stable ? 1 : restarts.merge(name, 1, Integer::sum);
    if (stable) {
      restarts.put(name, 1);
    }
    Duration delay = backoff(attempt);
    String message =
        "baseline instance exited with code "
            + code
            + " (see prooflane logs "
            + name
            + "); restart "
            + attempt
            + " in "
            + Durations.format(delay)
            + ", unkeyed requests get 503 until it is healthy";
    failures.put(name, message);
    System.err.println("prooflane: service " + name + ": " + message);
    schedule(instance, delay);
  }

  private void schedule(Instance exited, Duration delay) {
    try {
      restarter.schedule(() -> revive(exited), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // stopAll shut the restarter down: nothing to restart
    }
  }

  /** Starts the service of {@code exited} again, unless it was replaced or removed meanwhile. */
  private void revive(Instance exited) {
    String name = exited.service();
    ServiceSpec spec = env.get().services().get(name);
    if (stopping || spec == null || instances.get(name) != exited) {
      return;
    }
    try {
      Instance fresh =
          launch(
              env.get(),
              spec,
              line -> System.err.println("prooflane: service " + name + ":" + line));
      if (!putInstead(exited, fresh)) {
        launcher.stop(fresh);
        return;
      }
      System.err.println("prooflane: service " + name + ": restarted, healthy again");
    } catch (RuntimeException e) {
      if (stopping || instances.get(name) != exited) {
        return;
      }
      int attempt = restarts.merge(name, 1, Integer::sum);
      Duration delay = backoff(attempt);
      String message =
          "baseline restart failed: "
              + e.getMessage()
              + "; restart "
              + attempt
              + " in "
              + Durations.format(delay);
      failures.put(name, message);
      System.err.println("prooflane: service " + name + ": " + message);
      schedule(exited, delay);
    }
  }

  /** Puts {@code fresh} in place of {@code exited} if that is still the service's instance. */
  private boolean putInstead(Instance exited, Instance fresh) {
    synchronized (this) {
      if (stopping || instances.get(fresh.service()) != exited) {
        return false;
      }
      instances.put(fresh.service(), fresh);
      router.update(t -> t.withBaseline(fresh.service(), fresh.upstream()));
    }
    failures.remove(fresh.service());
    watch(fresh);
    return true;
  }

  /** 1 s, 2 s, 4 s... at most {@link #MAX_BACKOFF}. */
  static Duration backoff(int attempt) {
    long seconds = 1L << Math.min(Math.max(attempt - 1, 0), 5);
    return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
  }

  ServiceStatus status(String name, String routerUrl) {
    Instance instance = instances.get(name);
    if (instance == null) {
      return new ServiceStatus(name, routerUrl, "starting", 0, 0, "", exits.getOrDefault(name, 0));
    }
    String failure = failures.getOrDefault(name, "");
    String state =
        instance.process().isAlive() ? "running" : failure.isEmpty() ? "exited" : "restarting";
    return new ServiceStatus(
        name,
        routerUrl,
        state,
        instance.port(),
        instance.process().pid(),
        failure,
        exits.getOrDefault(name, 0));
  }

  LogBuffer logs(String service) {
    Instance instance = instances.get(service);
    if (instance == null) {
      throw new ProoflaneException(
          "service '" + service + "' has not started yet (retry in a moment)");
    }
    return instance.process().logs();
  }

  void stopAll() {
    synchronized (this) {
      stopping = true;
    }
    restarter.shutdownNow();
    instances.values().parallelStream().forEach(launcher::stop);
  }
}
