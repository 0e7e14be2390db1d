package dev.prooflane.local;

import dev.prooflane.local.postgres.Databases;
import dev.prooflane.local.postgres.PostgresException;
import dev.prooflane.local.process.LogBuffer;
import dev.prooflane.local.store.CorruptedSandboxException;
import dev.prooflane.local.store.StateStore;
import dev.prooflane.model.BranchStatus;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.ForkStatus;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.routing.ForkTarget;
import dev.prooflane.routing.RouteTable;
import dev.prooflane.routing.Router;
import dev.prooflane.routing.SandboxRoute;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The sandboxes of a local environment: their forks, routes and stored records. */
final class Sandboxes {
  private final Supplier<Environment> env;
  private final Clock clock;
  private final StateStore store;
  private final Router router;
  private final InstanceLauncher launcher;
  private final Map<String, Integer> routerPorts;
  private final RuntimeValues values;
  private final Map<String, Live> live = new ConcurrentHashMap<>();
  private final Expiries expiries;
  private final RouteWatch routes;

  /** A sandbox and its running fork instances; {@code sandbox} is replaced, never mutated. */
  private static final class Live {
    volatile Sandbox sandbox;
    final Map<String, Instance> forks = new ConcurrentHashMap<>();

    /** Its forks are stopping (or stopped): their exits no longer make it DEGRADED. */
    volatile boolean stopping;

    /** Its record is deleted and it is going away; a second deletion has nothing to do. */
    volatile boolean deleting;

    Live(Sandbox sandbox) {
      this.sandbox = sandbox;
    }
  }

  /**
   * The sandboxes of the environment {@code env} returns at each call (it changes when a new
   * environment file is applied), whose forks reach the services at {@code routerPorts} and get the
   * {@code values} of the Kafka and database placeholders (and their database branches from there);
   * each change of their routes goes to {@code routes}.
   */
  Sandboxes(
      Supplier<Environment> env,
      Clock clock,
      StateStore store,
      Router router,
      InstanceLauncher launcher,
      Map<String, Integer> routerPorts,
      RuntimeValues values,
      RouteWatch routes) {
    this.env = env;
    this.clock = clock;
    this.store = store;
    this.router = router;
    this.launcher = launcher;
    this.routerPorts = routerPorts;
    this.values = values;
    this.expiries = new Expiries(store);
    this.routes = routes;
  }

  Sandbox create(SandboxSpec spec, Consumer<String> progress) {
    Instant now = clock.instant();
    RoutingKey key = spec.routingKey().orElseGet(RoutingKey::generate);
    Sandbox starting =
        new Sandbox(
            spec,
            key,
            SandboxPhase.STARTING,
            now,
            spec.ttl().map(now::plus),
            List.of(),
            "forks starting");
    Live entry = new Live(starting);
    synchronized (live) {
      // under the lock an applied environment takes: no sandbox forks a service it removes
      SpecChecks.against(env.get(), spec);
      if (live.containsKey(spec.name())) {
        throw new ConflictException(
            "sandbox '" + spec.name() + "' already exists (delete it first, or pick another name)");
      }
      // The route table is where a key is reserved: it refuses one another sandbox holds
      // (RoutingKeyConflictException) before anything of this sandbox is stored or listed. Until
      // the forks are healthy, the key gets 503 "starting", never the baseline.
      reroute(entry, t -> t.withSandbox(route(entry)));
      live.put(spec.name(), entry);
      // an expired record of the same name, never deleted for want of a listener, is replaced
      expiries.replaced(spec.name());
    }
    progress.accept(
        "sandbox " + spec.name() + ": routing key " + key + ", forking " + forkNames(spec));
    try {
      store.putSandbox(starting);
      branch(entry, progress);
      startForks(entry, progress);
    } catch (RuntimeException e) {
      reroute(entry, t -> t.withoutSandbox(spec.name()));
      live.remove(spec.name());
      try {
        store.deleteSandbox(spec.name());
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    return entry.sandbox;
  }

  /**
   * Makes the sandbox's database branches, migrated, before its forks start (they connect at
   * start); on failure nothing of them is left.
   */
  private void branch(Live entry, Consumer<String> progress) {
    SandboxSpec spec = entry.sandbox.spec();
    if (spec.databases().isEmpty()) {
      return;
    }
    List<BranchStatus> branches =
        values.databases().orElseThrow(() -> SpecChecks.noDatabases(spec)).branch(spec, progress);
    entry.sandbox = entry.sandbox.withBranches(branches);
  }

  /** Drops the sandbox's database branches, once its forks stopped. */
  private void dropBranches(Sandbox sandbox) {
    if (!sandbox.spec().databases().isEmpty()) {
      values.databases().ifPresent(d -> d.drop(sandbox.spec()));
    }
  }

  /** Starts every fork and, once all are healthy, routes the key to them; or undoes everything. */
  private void startForks(Live entry, Consumer<String> progress) {
    Sandbox sandbox = entry.sandbox;
    Environment env = this.env.get();
    Map<String, String> shared = values.fork(sandbox.spec());
    List<CompletableFuture<Instance>> starts = new ArrayList<>();
    for (Fork fork : sandbox.spec().forks()) {
      ServiceSpec spec = env.service(fork.service());
      starts.add(
          CompletableFuture.supplyAsync(
              () ->
                  launcher.launch(
                      sandbox.name(),
                      spec,
                      port ->
                          InstancePlan.fork(env, spec, fork, sandbox, port, routerPorts, shared),
                      progress)));
    }
    List<String> errors = new ArrayList<>();
    for (CompletableFuture<Instance> start : starts) {
      try {
        Instance instance = start.join();
        entry.forks.put(instance.service(), instance);
      } catch (CompletionException e) {
        errors.add(InstanceLauncher.describe(e));
      }
    }
    if (!errors.isEmpty()) {
      discard(entry);
      throw new SandboxFailedException(
          sandbox.name(),
          "sandbox '" + sandbox.name() + "' did not come up:\n" + String.join("\n", errors),
          null);
    }
    reroute(entry, t -> t.withSandbox(route(entry)));
    entry.sandbox = withForks(entry, sandbox.withPhase(SandboxPhase.READY, ""));
    try {
      store.putSandbox(entry.sandbox);
    } catch (RuntimeException e) {
      // the forks run but the sandbox cannot be recorded: undo it rather than run it unrecorded
      try {
        discard(entry);
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    for (Instance instance : entry.forks.values()) {
      watch(entry, instance);
    }
    progress.accept(
        "sandbox "
            + sandbox.name()
            + ": READY, requests with key "
            + sandbox.routingKey()
            + " now reach "
            + forkNames(sandbox.spec()));
  }

  /** Stops the forks, removes the routes and deletes the record of a sandbox being undone. */
  private void discard(Live entry) {
    entry.stopping = true;
    entry.forks.values().parallelStream().forEach(launcher::stop);
    entry.forks.clear();
    reroute(entry, t -> t.withoutSandbox(entry.sandbox.name()));
    dropBranches(entry.sandbox);
    store.deleteSandbox(entry.sandbox.name());
  }

  private void watch(Live entry, Instance instance) {
    instance
        .process()
        .onExit()
        .thenAccept(
            code -> {
              if (entry.stopping || entry.forks.get(instance.service()) != instance) {
                return;
              }
              String reason =
                  "fork '"
                      + instance.service()
                      + "' of sandbox '"
                      + entry.sandbox.name()
                      + "' exited with code "
                      + code
                      + " (see: prooflane logs "
                      + instance.service()
                      + " --sandbox "
                      + entry.sandbox.name()
                      + ")";
              synchronized (entry) {
                if (entry.stopping) {
                  return; // deleted meanwhile: its record must not come back
                }
                reroute(entry, t -> t.withSandbox(route(entry)));
                entry.sandbox =
                    withForks(entry, entry.sandbox.withPhase(SandboxPhase.DEGRADED, reason));
                store.putSandbox(entry.sandbox);
              }
            });
  }

  /**
   * Changes the route table with {@code change}, a change of {@code entry}'s routes, and tells the
   * watch what the table holds for it now.
   */
  private void reroute(Live entry, UnaryOperator<RouteTable> change) {
    router.update(change);
    String name = entry.sandbox.name();
    routes.changed(name, () -> router.routes().sandbox(name), () -> entry.sandbox.createdAt());
  }

  private SandboxRoute route(Live entry) {
    Map<String, ForkTarget> targets = new LinkedHashMap<>();
    for (Fork fork : entry.sandbox.spec().forks()) {
      Instance instance = entry.forks.get(fork.service());
      if (instance != null && instance.process().isAlive()) {
        targets.put(fork.service(), new ForkTarget.Running(instance.upstream()));
      } else {
        String reason =
            instance == null
                ? "fork '"
                    + fork.service()
                    + "' of sandbox '"
                    + entry.sandbox.name()
                    + "' is not running: "
                    + entry.sandbox.message()
                : "fork '"
                    + fork.service()
                    + "' of sandbox '"
                    + entry.sandbox.name()
                    + "' exited with code "
                    + instance.process().exitCode().orElse(-1);
        targets.put(fork.service(), new ForkTarget.Down(reason));
      }
    }
    return new SandboxRoute(entry.sandbox.name(), entry.sandbox.routingKey(), targets);
  }

  private Sandbox withForks(Live entry, Sandbox sandbox) {
    List<ForkStatus> forks = new ArrayList<>();
    for (Fork fork : sandbox.spec().forks()) {
      Instance instance = entry.forks.get(fork.service());
      if (instance == null) {
        forks.add(new ForkStatus(fork.service(), "stopped", 0, 0, ""));
      } else if (instance.process().isAlive()) {
        forks.add(
            new ForkStatus(
                fork.service(), "running", instance.port(), instance.process().pid(), ""));
      } else {
        forks.add(
            new ForkStatus(
                fork.service(),
                "exited",
                instance.port(),
                0,
                "exit code " + instance.process().exitCode().orElse(-1)));
      }
    }
    return sandbox.withForks(forks);
  }

  /** Brings back the sandboxes a previous daemon left in the store; expired ones are deleted. */
  void restore(Consumer<String> progress) {
    Instant now = clock.instant();
    List<Sandbox> records;
    try {
      records = store.sandboxes();
    } catch (CorruptedSandboxException e) {
      progress.accept("WARNING: " + e.getMessage());
      records = e.readable();
    }
    for (Sandbox stored : records) {
      if (stored.expiresAt().map(t -> !t.isAfter(now)).orElse(false)) {
        // deleted once the expiry listener has recorded it (onExpiry), not started again
        expiries.foundExpired(stored);
        progress.accept(
            "sandbox " + stored.name() + ": expired while the daemon was down, not restored");
        continue;
      }
      Live entry =
          new Live(stored.withPhase(SandboxPhase.STARTING, "restoring").withForks(List.of()));
      live.put(stored.name(), entry);
      progress.accept("sandbox " + stored.name() + ": restoring (key " + stored.routingKey() + ")");
      try {
        store.putSandbox(entry.sandbox);
        reroute(entry, t -> t.withSandbox(route(entry)));
        restoreBranches(entry, progress);
        startForks(entry, progress);
      } catch (RuntimeException e) {
        entry.sandbox =
            entry.sandbox.withPhase(
                SandboxPhase.FAILED, "could not be restored: " + e.getMessage());
        store.putSandbox(entry.sandbox);
        // Keyed requests must get a clear 503 naming the sandbox, never the baseline.
        reroute(entry, t -> t.withSandbox(route(entry)));
        progress.accept("sandbox " + stored.name() + ": FAILED to restore: " + e.getMessage());
      }
    }
  }

  /**
   * Keeps the branches a restored sandbox had (they live in the database server's data, kept across
   * restarts); makes them again when one is missing (a server whose data was reset).
   */
  private void restoreBranches(Live entry, Consumer<String> progress) {
    SandboxSpec spec = entry.sandbox.spec();
    if (spec.databases().isEmpty()) {
      return;
    }
    Databases databases = values.databases().orElseThrow(() -> SpecChecks.noDatabases(spec));
    List<BranchStatus> kept = databases.branches(spec);
    if (kept.size() == spec.databases().size()) {
      entry.sandbox = entry.sandbox.withBranches(kept);
      return;
    }
    progress.accept(
        "sandbox " + spec.name() + ": its database branches are missing, making them again");
    entry.sandbox = entry.sandbox.withBranches(databases.branch(spec, progress));
  }

  /**
   * Drops the database branches of no sandbox: those of sandboxes deleted while the daemon was
   * down, or half-made by a daemon killed during a creation.
   */
  void dropOrphanBranches(Consumer<String> progress) {
    values
        .databases()
        .ifPresent(
            d -> {
              List<SandboxSpec> specs = live.values().stream().map(e -> e.sandbox.spec()).toList();
              for (String dropped : d.dropOrphans(specs)) {
                progress.accept("dropped database branch " + dropped + " (its sandbox is gone)");
              }
            });
  }

  List<Sandbox> list() {
    List<Sandbox> out = new ArrayList<>();
    for (Live entry : live.values()) {
      out.add(current(entry));
    }
    out.sort(Comparator.comparing(Sandbox::name));
    return out;
  }

  /** See {@link LocalRuntime#sandboxLabels()}. */
  Map<String, Map<String, String>> labels() {
    Map<String, Map<String, String>> out = new HashMap<>();
    live.forEach((name, entry) -> out.put(name, entry.sandbox.spec().labels()));
    return out;
  }

  Sandbox get(String name) {
    Live entry = live.get(name);
    if (entry == null) {
      throw LocalRuntime.noSandbox(name, live.keySet());
    }
    return current(entry);
  }

  /**
   * The sandbox {@code name} as recorded: its spec and key, without its forks' current state or its
   * branches' sizes (which {@link #get} reads). See {@link LocalRuntime#sandboxKey}.
   */
  Sandbox recorded(String name) {
    Live entry = live.get(name);
    if (entry == null) {
      throw LocalRuntime.noSandbox(name, live.keySet());
    }
    return entry.sandbox;
  }

  private Sandbox current(Live entry) {
    Sandbox s = entry.sandbox;
    if (s.phase() == SandboxPhase.STARTING) {
      return s;
    }
    Sandbox now = withForks(entry, s);
    if (!s.spec().databases().isEmpty() && values.databases().isPresent()) {
      try {
        return now.withBranches(values.databases().get().branches(s.spec()));
      } catch (PostgresException e) {
        return now; // the server does not answer: the sizes last measured
      }
    }
    return now;
  }

  void delete(String name) {
    Live entry = live.get(name);
    if (entry == null) {
      throw LocalRuntime.noSandbox(name, live.keySet());
    }
    if (entry.sandbox.phase() == SandboxPhase.STARTING) {
      throw new ConflictException(
          "sandbox '" + name + "' is still starting (retry when it is READY or FAILED)");
    }
    synchronized (entry) {
      if (entry.deleting) {
        return; // being deleted already: the first deletion finishes it
      }
      // the record goes first: when it cannot be deleted (a full disk), nothing else changes
      boolean stopping = entry.stopping;
      entry.stopping = true;
      try {
        store.deleteSandbox(name);
      } catch (RuntimeException e) {
        entry.stopping = stopping;
        throw e;
      }
      entry.deleting = true;
      entry.sandbox = entry.sandbox.withPhase(SandboxPhase.DELETING, "");
    }
    reroute(entry, t -> t.withoutSandbox(name));
    entry.forks.values().parallelStream().forEach(launcher::stop);
    live.remove(name);
    dropBranches(entry.sandbox);
  }

  /**
   * Stops sandbox {@code name} whose creation is undone: its routes and forks go first, then its
   * record; when the record cannot be deleted, that failure is thrown after everything stopped.
   */
  void discard(String name) {
    Live entry = live.get(name);
    if (entry == null) {
      throw LocalRuntime.noSandbox(name, live.keySet());
    }
    try {
      discard(entry);
    } finally {
      live.remove(name);
    }
  }

  /** The command each running fork of sandbox {@code name} was started with, by service. */
  Map<String, List<String>> commands(String name) {
    Live entry = live.get(name);
    if (entry == null) {
      throw LocalRuntime.noSandbox(name, live.keySet());
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Fork fork : entry.sandbox.spec().forks()) {
      Instance instance = entry.forks.get(fork.service());
      if (instance != null) {
        out.put(fork.service(), instance.process().command());
      }
    }
    return out;
  }

  /** See {@link Expiries#listen}. */
  void onExpiry(Consumer<Sandbox> before, BiConsumer<Sandbox, RuntimeException> failed) {
    expiries.listen(before, failed);
  }

  /** Expires every sandbox whose TTL ran out by {@code now} (not while it starts or goes). */
  void expire(Instant now) {
    for (Live entry : List.copyOf(live.values())) {
      Sandbox sandbox = entry.sandbox;
      if (sandbox.expiresAt().map(t -> !t.isAfter(now)).orElse(false)
          && sandbox.phase() != SandboxPhase.STARTING
          && sandbox.phase() != SandboxPhase.DELETING) {
        expiries.expire(sandbox, this::delete);
      }
    }
  }

  LogBuffer logs(String sandbox, String service) {
    Live entry = live.get(sandbox);
    if (entry == null) {
      throw LocalRuntime.noSandbox(sandbox, live.keySet());
    }
    Instance instance = entry.forks.get(service);
    if (instance == null) {
      throw new NotFoundException(
          "fork",
          service,
          "sandbox '" + sandbox + "' forks only " + forkNames(entry.sandbox.spec()));
    }
    return instance.process().logs();
  }

  /** Stops every fork for a daemon shutdown; the records stay, so the next start restores them. */
  void stopAll() {
    for (Live entry : live.values()) {
      entry.stopping = true;
    }
    live.values().parallelStream().flatMap(e -> e.forks.values().stream()).forEach(launcher::stop);
  }

  /**
   * Runs {@code swap} (which puts a new environment in force) unless a sandbox forks one of the
   * services in {@code removed}; no sandbox can be created meanwhile.
   *
   * @throws ConflictException naming the sandboxes that fork a removed service, and which
   */
  void swapUnlessForked(Collection<String> removed, Runnable swap) {
    synchronized (live) {
      refuseForksOf(removed);
      swap.run();
    }
  }

  /**
   * Refuses when a sandbox forks one of the services in {@code removed}.
   *
   * @throws ConflictException naming each such sandbox and the removed services it forks
   */
  void refuseForksOf(Collection<String> removed) {
    List<String> forking = new ArrayList<>();
    for (Live entry : live.values()) {
      List<String> services =
          entry.sandbox.spec().forks().stream()
              .map(Fork::service)
              .filter(removed::contains)
              .toList();
      if (!services.isEmpty()) {
        forking.add("'" + entry.sandbox.name() + "' forks " + String.join(", ", services));
      }
    }
    if (!forking.isEmpty()) {
      forking.sort(Comparator.naturalOrder());
      throw new ConflictException(
          "cannot remove "
              + String.join(", ", removed.stream().sorted().toList())
              + ": sandbox "
              + String.join("; sandbox ", forking)
              + " (delete those sandboxes first, or keep the service in the file)");
    }
  }

  private static String forkNames(SandboxSpec spec) {
    return String.join(", ", spec.forks().stream().map(Fork::service).toList());
  }
}
