package dev.prooflane.local;

import dev.prooflane.local.process.LogBuffer;
import dev.prooflane.model.Environment;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.routing.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The baseline services of a local environment: one supervised instance per service. */
final class Baseline {
  private final Environment env;
  private final Router router;
  private final InstanceLauncher launcher;
  private final Map<String, Integer> routerPorts;
  private final Map<String, Instance> instances = new ConcurrentHashMap<>();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
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
    instances.put(spec.name(), instance);
    router.update(t -> t.withBaseline(spec.name(), instance.upstream()));
    instance
        .process()
        .onExit()
        .thenAccept(
            code -> {
              if (!stopping) {
                String message =
                    "baseline instance exited with code "
                        + code
                        + " (see prooflane logs "
                        + spec.name()
                        + "); unkeyed requests now get 503";
                failures.put(spec.name(), message);
                router.update(t -> t.withoutBaseline(spec.name()));
                System.err.println("prooflane: service " + spec.name() + ": " + message);
              }
            });
    return instance;
  }

  ServiceStatus status(String name, String routerUrl) {
    Instance instance = instances.get(name);
    if (instance == null) {
      return new ServiceStatus(name, routerUrl, "starting", 0, 0, "");
    }
    String failure = failures.getOrDefault(name, "");
    String state = instance.process().isAlive() ? "running" : "exited";
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
    stopping = true;
    instances.values().parallelStream().forEach(launcher::stop);
  }
}
