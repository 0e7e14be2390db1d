package dev.prooflane.local;

import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Environment;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.routing.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Changes a running baseline without stopping it: restarts one service, or applies a new
 * environment file. Every new instance starts beside the running ones and must become healthy
 * before anything changes for callers; only then do the routes swap (one atomic swap per service)
 * and the replaced instances stop, each once the router has answered the requests in flight on it.
 * Sandboxes are not touched. One change at a time.
 */
final class Rollout {
  private final Supplier<Environment> env;
  private final Consumer<Environment> swap;
  private final Router router;
  private final Map<String, Integer> routerPorts;
  private final Baseline baseline;
  private final Sandboxes sandboxes;
  private final ReentrantLock busy = new ReentrantLock();
  private volatile String underWay = "";

  /**
   * Changes the baseline of the environment {@code env} returns, putting a new one in force with
   * {@code swap}; services listen on the router at {@code routerPorts} (added and removed here).
   */
  Rollout(
      Supplier<Environment> env,
      Consumer<Environment> swap,
      Router router,
      Map<String, Integer> routerPorts,
      Baseline baseline,
      Sandboxes sandboxes) {
    this.env = env;
    this.swap = swap;
    this.router = router;
    this.routerPorts = routerPorts;
    this.baseline = baseline;
    this.sandboxes = sandboxes;
  }

  /** See {@link LocalRuntime#restartService}. */
  ServiceRestart restart(String name, Consumer<String> progress) {
    return exclusively(
        "a restart of " + name,
        () -> {
          // read under the lock: an apply that just finished may have changed the definition
          Environment current = env.get();
          ServiceSpec spec = current.service(name);
          long started = System.nanoTime();
          Instance before = baseline.instance(name);
          Instance fresh;
          try {
            fresh = baseline.launch(current, spec, progress);
          } catch (RuntimeException e) {
            throw new ChangeFailedException(
                "the restart of '"
                    + name
                    + "' failed"
                    + (before == null ? "" : " (pid " + before.process().pid() + " keeps serving)")
                    + ": "
                    + e.getMessage());
          }
          long oldPid = baseline.replace(fresh, progress);
          return new ServiceRestart(
              name, oldPid, fresh.process().pid(), (System.nanoTime() - started) / 1_000_000);
        });
  }

  /** See {@link LocalRuntime#apply}. */
  EnvironmentChange apply(Environment next, Consumer<String> progress) {
    return exclusively(
        "an apply of " + next.file(),
        () -> {
          EnvironmentChange change = EnvironmentChange.between(env.get(), routerPorts, next);
          sandboxes.refuseForksOf(change.removed());
          progress.accept(
              "environment '" + next.name() + "' from " + change.file() + ": " + change.summary());
          List<String> opened = new ArrayList<>();
          Map<String, Instance> fresh = new ConcurrentHashMap<>();
          try {
            for (String name : change.added()) {
              routerPorts.put(name, router.listen(name, next.service(name).port()));
              opened.add(name);
            }
            startBeside(next, change, fresh, progress);
            sandboxes.swapUnlessForked(change.removed(), () -> swap.accept(next));
          } catch (RuntimeException e) {
            fresh.values().parallelStream().forEach(baseline::discard);
            opened.forEach(this::closeListener);
            throw e;
          }
          List<Runnable> takeOver = new ArrayList<>();
          change
              .changed()
              .forEach(n -> takeOver.add(() -> baseline.replace(fresh.get(n), progress)));
          change.added().forEach(n -> takeOver.add(() -> baseline.install(fresh.get(n))));
          change
              .removed()
              .forEach(
                  n ->
                      takeOver.add(
                          () -> {
                            baseline.remove(n, progress);
                            closeListener(n);
                          }));
          takeOver.parallelStream().forEach(Runnable::run);
          return change;
        });
  }

  /**
   * Starts the new instances of the changed and added services in parallel, beside the running
   * ones, into {@code fresh}; an added service is routed to as soon as it is healthy (only the new
   * instances know its address yet), so that added services may call each other while they start.
   *
   * @throws ChangeFailedException when one did not become healthy, naming each that failed
   */
  private void startBeside(
      Environment next,
      EnvironmentChange change,
      Map<String, Instance> fresh,
      Consumer<String> progress) {
    List<String> starting = new ArrayList<>(change.changed());
    starting.addAll(change.added());
    List<CompletableFuture<Void>> starts = new ArrayList<>();
    for (String name : starting) {
      ServiceSpec spec = next.service(name);
      starts.add(
          CompletableFuture.runAsync(
              () -> {
                Instance instance = baseline.launch(next, spec, progress);
                fresh.put(name, instance);
                if (change.added().contains(name)) {
                  router.update(t -> t.withBaseline(name, instance.upstream()));
                }
              }));
    }
    List<String> errors = InstanceLauncher.failures(starts);
    if (!errors.isEmpty()) {
      throw new ChangeFailedException(
          "the environment file "
              + change.file()
              + " was not applied, nothing changed (every service and sandbox runs as before):\n"
              + String.join("\n", errors));
    }
  }

  private void closeListener(String service) {
    router.update(t -> t.withoutBaseline(service));
    router.unlisten(service);
    routerPorts.remove(service);
  }

  private <T> T exclusively(String what, Supplier<T> change) {
    if (!busy.tryLock()) {
      throw new ConflictException(
          "cannot start " + what + " while " + underWay + " is under way (retry when it is done)");
    }
    try {
      underWay = what;
      return change.get();
    } finally {
      busy.unlock();
    }
  }
}
