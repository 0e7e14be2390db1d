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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The baseline services of a local environment: one supervised instance per service. An instance
 * that exits is started again, after 1 s, then 2, 4... up to 30 s while it keeps failing; until it
 * is healthy again, unkeyed requests to the service get 503 (never a fork).
 */
final class Baseline {
  /** An instance that ran this long before it exited starts its backoff from the beginning. */
  private static final Duration STABLE = Duration.ofMinutes(1);

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Environment env;
  private final Router router;
  private final InstanceLauncher launcher;
  private final Map<String, Integer> routerPorts;
  private final Map<String, Instance> instances = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
  private final ScheduledExecutorService restarter =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "prooflane-baseline-restart");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean stopping;

  Baseline(
      Environment env, Router router, InstanceLauncher launcher, Map<String, Integer> routerPorts) {
    this.env = env;
    this.router = router;
    this.launcher = launcher;
    this.routerPorts = routerPorts;
  }

  /** Starts every service in parallel (they reach each other through the router, already open). */
  void startAll(Consumer<String> progress) {
    List<CompletableFuture<Instance>> starts = new ArrayList<>();
    for (ServiceSpec spec : env.services().values()) {
      starts.add(CompletableFuture.supplyAsync(() -> start(spec, progress)));
    }
    List<String> errors = new ArrayList<>();
    for (CompletableFuture<Instance> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        errors.add(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new ProoflaneException("the baseline did not come up:\n" + String.join("\n", errors));
    }
  }

  private Instance start(ServiceSpec spec, Consumer<String> progress) {
    Instance instance =
        launcher.launch(
            "baseline",
            spec,
            port -> InstancePlan.baseline(env, spec, port, routerPorts),
            progress);
    synchronized (this) {
      if (stopping) {
        // stopAll ran while this instance was starting: it must not outlive the runtime
        launcher.stop(instance);
        throw new ProoflaneException("the runtime stopped while " + spec.name() + " started");
      }
      instances.put(spec.name(), instance);
    }
    router.update(t -> t.withBaseline(spec.name(), instance.upstream()));
    long startedAt = System.nanoTime();
    instance.process().onExit().thenAccept(code -> exited(spec, code, startedAt));
    return instance;
  }

  private void exited(ServiceSpec spec, int code, long startedAt) {
    if (stopping) {
      return;
    }
    router.update(t -> t.withoutBaseline(spec.name()));
    boolean stable = System.nanoTime() - startedAt >= STABLE.toNanos();
    int attempt = stable ? 1 : restarts.merge(spec.name(), 1, Integer::sum);
    if (stable) {
      restarts.put(spec.name(), 1);
    }
    Duration delay = backoff(attempt);
    String message =
        "baseline instance exited with code "
            + code
            + " (see prooflane logs "
            + spec.name()
            + "); restart "
            + attempt
            + " in "
            + Durations.format(delay)
            + ", unkeyed requests get 503 until it is healthy";
    failures.put(spec.name(), message);
    System.err.println("prooflane: service " + spec.name() + ": " + message);
    schedule(spec, delay);
  }

  private void schedule(ServiceSpec spec, Duration delay) {
    try {
      restarter.schedule(() -> restart(spec), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // stopAll shut the restarter down: nothing to restart
    }
  }

  private void restart(ServiceSpec spec) {
    if (stopping) {
      return;
    }
    try {
      start(spec, line -> System.err.println("prooflane: service " + spec.name() + ":" + line));
      failures.remove(spec.name());
      System.err.println("prooflane: service " + spec.name() + ": restarted, healthy again");
    } catch (RuntimeException e) {
      if (stopping) {
        return;
      }
      int attempt = restarts.merge(spec.name(), 1, Integer::sum);
      Duration delay = backoff(attempt);
      String message =
          "baseline restart failed: "
              + e.getMessage()
              + "; restart "
              + attempt
              + " in "
              + Durations.format(delay);
      failures.put(spec.name(), message);
      System.err.println("prooflane: service " + spec.name() + ": " + message);
      schedule(spec, delay);
    }
  }

  /** 1 s, 2 s, 4 s... at most {@link #MAX_BACKOFF}. */
  static Duration backoff(int attempt) {
    long seconds = 1L << Math.min(Math.max(attempt - 1, 0), 5);
    return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
  }

  ServiceStatus status(String name, String routerUrl) {
    Instance instance = instances.get(name);
    if (instance == null) {
      return new ServiceStatus(name, routerUrl, "starting", 0, 0, "");
    }
    String failure = failures.getOrDefault(name, "");
    String state =
        instance.process().isAlive() ? "running" : failure.isEmpty() ? "exited" : "restarting";
    return new ServiceStatus(
        name, routerUrl, state, instance.port(), instance.process().pid(), failure);
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
