package dev.prooflane.local;

import dev.prooflane.local.agent.AgentAttachment;
import dev.prooflane.local.kafka.KafkaBroker;
import dev.prooflane.local.kafka.KafkaJars;
import dev.prooflane.local.kafka.KafkaStatus;
import dev.prooflane.local.postgres.DatabaseUrl;
import dev.prooflane.local.postgres.Databases;
import dev.prooflane.local.postgres.PostgresServer;
import dev.prooflane.local.postgres.PostgresStatus;
import dev.prooflane.local.process.LogBuffer;
import dev.prooflane.local.process.OrphanReaper;
import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.local.store.Recovery;
import dev.prooflane.local.store.StateStore;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.Placeholders;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.model.tls.PemIdentity;
import dev.prooflane.routing.HopLog;
import dev.prooflane.routing.Router;
import dev.prooflane.routing.RouterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A whole environment on this machine: the router with one listener per service, the baseline
 * services as supervised processes, and the sandboxes whose forks run next to them.
 *
 * <p>Start with {@link #start}; {@link #close} stops every process it started (sandbox records stay
 * in the store, so the next start brings them back).
 */
public final class LocalRuntime implements AutoCloseable {
  private volatile Environment env;
  private final LocalOptions options;
  private final StateStore store;
  private final ProcessSupervisor supervisor;
  private final Router router;
  private final Map<String, Integer> routerPorts = new ConcurrentHashMap<>();
  private final InstanceLauncher launcher;
  private final Baseline baseline;
  private final Sandboxes sandboxes;
  private final RouteWatch routeWatch;
  private final Rollout rollout;
  private final ScheduledExecutorService ttlTimer;
  private final Instant startedAt;
  private final Optional<KafkaBroker> kafka;
  private final RuntimeValues values;

  private LocalRuntime(Environment env, LocalOptions options, Consumer<String> progress) {
    this.env = env;
    this.options = options;
    this.startedAt = options.clock().instant();
    // the TLS files first: one that changed since the file was read fails before anything starts
    RouterOptions routerOptions = routerOptions(env, startedAt, progress);
    // the agent's jars too: a service with propagation set never starts without them
    AgentAttachment agent = new AgentAttachment(options.agentJars(), env.keyNames());
    env.services().values().forEach(agent::require);
    StateFolder state = options.stateFolder();
    // the Kafka jars too, and the broker's ports chosen: ${kafka.bootstrap} is known from here on
    this.kafka = env.kafka().map(section -> KafkaBroker.plan(section, state, options.kafkaJars()));
    this.values = new RuntimeValues(kafkaPlaceholders(env, options.kafkaJars()));
    StateFolderCheck.requireWritable(state);
    this.store =
        StateStore.open(
            state.stateDb(), state.stateBackup(), state.corruptStateDb(options.clock().instant()));
    store.recovery().ifPresent(r -> progress.accept("WARNING: " + r.describe()));
    OrphanReaper.reap(store, options.stopGrace())
        .forEach(line -> progress.accept("reaped " + line));
    this.supervisor = new ProcessSupervisor(store);
    this.router = Router.start(routerOptions);
    for (ServiceSpec spec : env.services().values()) {
      routerPorts.put(spec.name(), router.listen(spec.name(), spec.port()));
    }
    this.launcher =
        new InstanceLauncher(
            supervisor,
            state,
            agent,
            options.stopGrace(),
            options.progressInterval(),
            options.serviceEnv());
    this.baseline = new Baseline(this::environment, router, launcher, routerPorts, values);
    this.routeWatch = new RouteWatch(startedAt.toEpochMilli() * 1000);
    this.sandboxes =
        new Sandboxes(
            this::environment,
            options.clock(),
            store,
            router,
            launcher,
            routerPorts,
            values,
            routeWatch);
    this.rollout =
        new Rollout(
            this::environment, next -> this.env = next, router, routerPorts, baseline, sandboxes);
    this.ttlTimer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "prooflane-ttl");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The values of {@code ${kafka.bootstrap}} and {@code ${kafka.interceptor}}, empty without a
   * broker; the interceptor's jar is checked when a service's command or env names it.
   */
  private Map<String, String> kafkaPlaceholders(Environment env, KafkaJars jars) {
    if (kafka.isEmpty()) {
      return Map.of();
    }
    jars.requireInterceptorWhereUsed(env);
    return Map.of(
        Placeholders.KAFKA_BOOTSTRAP,
        kafka.get().bootstrap(),
        Placeholders.KAFKA_INTERCEPTOR,
        jars.interceptor().toString());
  }

  /**
   * The router's options for {@code env}: its key names, and its TLS identity when it has one (read
   * again from the files; a certificate out of its validity at {@code now} is a warning).
   */
  private static RouterOptions routerOptions(
      Environment env, Instant now, Consumer<String> progress) {
    RouterOptions router = RouterOptions.defaults().withKeyNames(env.keyNames());
    if (env.tls().isEmpty()) {
      return router;
    }
    PemIdentity identity = PemIdentity.read(env.tls().get());
    identity.validityWarning(now).ifPresent(warning -> progress.accept("WARNING: " + warning));
    return router.withTls(identity);
  }

  /**
   * Checks that the state folder is writable, opens the store under {@code options.stateFolder()}
   * (recovering a damaged one from its backup), reaps processes a killed predecessor left, opens
   * the router, starts the Kafka broker of a {@code kafka:} section and waits until it answers,
   * starts every baseline service and waits until all are healthy, then brings back the stored
   * sandboxes. Progress lines go to {@code progress}.
   */
  public static LocalRuntime start(
      Environment env, LocalOptions options, Consumer<String> progress) {
    LocalRuntime runtime = new LocalRuntime(env, options, progress);
    try {
      runtime.kafka.ifPresent(
          broker -> broker.start(runtime.supervisor, options.stopGrace(), progress));
      Databases.start(env, options.stateFolder().postgres(), runtime.supervisor, progress)
          .ifPresent(runtime.values::databases);
      runtime.baseline.startAll(progress);
      runtime.sandboxes.restore(progress);
      runtime.sandboxes.dropOrphanBranches(progress);
      long period = options.ttlCheckInterval().toMillis();
      runtime.ttlTimer.scheduleWithFixedDelay(
          runtime::expireSandboxes, period, period, TimeUnit.MILLISECONDS);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /**
   * Stops what a daemon that died (such as by {@code kill -9}) left running for {@code
   * options.stateFolder()}, as the next start would, without starting anything. Call it only while
   * no daemon runs for that folder; a folder without a store has nothing to reap.
   *
   * @return one line per process stopped, as {@link OrphanReaper#reap} words them; empty when
   *     nothing was left
   */
  public static List<String> reapLeftovers(LocalOptions options) {
    Path db = options.stateFolder().stateDb();
    if (!Files.exists(db)) {
      return List.of();
    }
    try (StateStore store = new StateStore(db)) {
      return OrphanReaper.reap(store, options.stopGrace());
    }
  }

  /** The environment in force: the one started, or the last one {@linkplain #apply applied}. */
  public Environment environment() {
    return env;
  }

  /** How the state database was recovered from its backup at start, if it was found damaged. */
  public Optional<Recovery> recovery() {
    return store.recovery();
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** The router's port for each service, in declaration order. */
  public Map<String, Integer> routerPorts() {
    return Map.copyOf(routerPorts);
  }

  /** Every baseline service's state, in the environment file's order. */
  public List<ServiceStatus> services() {
    List<ServiceStatus> out = new ArrayList<>();
    for (String name : env.services().keySet()) {
      out.add(baseline.status(name, "http://127.0.0.1:" + routerPorts.get(name)));
    }
    return out;
  }

  /** The Kafka broker's state, when the environment has a {@code kafka:} section. */
  public Optional<KafkaStatus> kafka() {
    return kafka.map(KafkaBroker::status);
  }

  /** Where clients reach the Kafka broker ({@code ${kafka.bootstrap}}), when there is one. */
  public Optional<String> kafkaBootstrap() {
    return kafka.map(KafkaBroker::bootstrap);
  }

  /**
   * Where database {@code database} is for sandbox {@code sandbox}: its branch when the sandbox has
   * one, else the baseline's database; the baseline's when {@code sandbox} is empty. Empty when the
   * environment has no such database.
   *
   * @throws dev.prooflane.model.NotFoundException when there is no such sandbox
   */
  public Optional<DatabaseUrl> database(String database, Optional<String> sandbox) {
    Optional<SandboxSpec> spec = sandbox.map(name -> sandboxes.recorded(name).spec());
    return values.databases().flatMap(d -> d.url(database, spec));
  }

  /** The database server's state, when the environment has a {@code postgres:} section. */
  public Optional<PostgresStatus> postgresStatus() {
    return values.databases().map(Databases::status);
  }

  /** The database server, when the environment has a {@code postgres:} section. */
  public Optional<PostgresServer> postgres() {
    return values.databases().map(Databases::server);
  }

  /**
   * Restarts the baseline instance of {@code service} with its definition in force: a new instance
   * starts beside the running one on another port; once it is healthy the service's route swaps to
   * it in one step, and the old instance stops once the requests in flight on it are answered.
   * Callers see no gap; sandboxes, and their forks of the service, are not touched.
   *
   * @throws dev.prooflane.model.NotFoundException when there is no such service
   * @throws ChangeFailedException when the new instance did not become healthy (the running one
   *     keeps serving)
   * @throws dev.prooflane.model.ConflictException while another restart or apply is under way
   */
  public ServiceRestart restartService(String service, Consumer<String> progress) {
    return rollout.restart(service, progress);
  }

  /**
   * Applies {@code next}, a new version of the environment file, to the running environment: each
   * service whose definition changed is restarted as {@link #restartService} does, each added one
   * started, each removed one stopped; the others and every sandbox keep running (a sandbox's fork
   * of a changed service keeps running as it was started). Every new instance must be healthy
   * before anything changes for callers: when one is not, nothing changes.
   *
   * @throws dev.prooflane.model.ConflictException when a sandbox forks a removed service (naming
   *     it), when {@code next} changes the routing key names or the router port of a kept service,
   *     or while another restart or apply is under way; nothing changed
   * @throws ChangeFailedException when a new instance did not become healthy; nothing changed
   */
  public EnvironmentChange apply(Environment next, Consumer<String> progress) {
    return rollout.apply(next, progress);
  }

  /**
   * Creates a sandbox: starts only its forks on free ports, waits until each is healthy, then
   * installs its routes. Returns the READY sandbox; on failure stops what it started and throws.
   */
  public Sandbox createSandbox(SandboxSpec spec, Consumer<String> progress) {
    return sandboxes.create(spec, progress);
  }

  public List<Sandbox> sandboxes() {
    return sandboxes.list();
  }

  /**
   * The labels of every sandbox, by name: what a quota counts. Unlike {@link #sandboxes()} it reads
   * no fork's state and asks no database for its branches.
   */
  public Map<String, Map<String, String>> sandboxLabels() {
    return sandboxes.labels();
  }

  public Sandbox sandbox(String name) {
    return sandboxes.get(name);
  }

  /**
   * The routing key of sandbox {@code name}. Unlike {@link #sandbox} it reads no fork's state and
   * asks no database for its branches: cheap enough for the event loop.
   *
   * @throws NotFoundException naming the sandboxes there are, as {@link #sandbox} does
   */
  public RoutingKey sandboxKey(String name) {
    return sandboxes.recorded(name).routingKey();
  }

  /**
   * Deletes the sandbox's record, then removes its routes and stops its forks.
   *
   * @throws dev.prooflane.local.store.StateWriteException when the record cannot be deleted; then
   *     nothing changed
   */
  public void deleteSandbox(String name) {
    sandboxes.delete(name);
  }

  /**
   * Undoes the creation of sandbox {@code name}: removes its routes, stops its forks, then deletes
   * its record.
   *
   * @throws dev.prooflane.local.store.StateWriteException when the record cannot be deleted (after
   *     everything stopped; the next start finds the record)
   */
  public void discardSandbox(String name) {
    sandboxes.discard(name);
  }

  /**
   * The command {@code fork} would run as part of {@code sandbox}: the fork's or the service's
   * command with the fork's args, placeholders resolved ({@code ${port}} is left as it is: the port
   * is chosen when the fork starts).
   */
  public List<String> forkCommand(SandboxSpec sandbox, Fork fork) {
    return InstancePlan.forkCommand(
        env,
        env.service(fork.service()),
        fork,
        sandbox.name(),
        Map.copyOf(routerPorts),
        values.fork(sandbox));
  }

  /** The command each running fork of sandbox {@code name} was started with, by service. */
  public Map<String, List<String>> forkCommands(String name) {
    return sandboxes.commands(name);
  }

  /**
   * The captured output of a service's baseline instance, or of its fork in {@code sandbox} when
   * not null.
   */
  public LogBuffer logs(String service, String sandbox) {
    env.service(service);
    return sandbox == null ? baseline.logs(service) : sandboxes.logs(sandbox, service);
  }

  /** Every hop the router served, queryable by key. */
  public HopLog hops() {
    return router.hops();
  }

  /**
   * The sandboxes whose routes are in the route table, versioned, and their changes: what message
   * consumers follow to know which records are theirs.
   */
  public RouteWatch routeWatch() {
    return routeWatch;
  }

  /** The state folder this runtime keeps its state, logs and drop records in. */
  public StateFolder stateFolder() {
    return options.stateFolder();
  }

  /**
   * Calls {@code listener} with each sandbox whose TTL runs out, just before it is deleted; when
   * the listener throws (it could not record the expiry), the sandbox stays and its expiry is tried
   * again at the next check. At once does the same for the sandboxes the start found expired while
   * no daemon ran (kept until now, not started): those are deleted here, and a listener that throws
   * for one stops this call with its exception.
   */
  public void onSandboxExpired(Consumer<Sandbox> listener) {
    onSandboxExpired(listener, (sandbox, e) -> {});
  }

  /**
   * As {@link #onSandboxExpired(Consumer)}; {@code failed} is called when deleting a sandbox the
   * listener was told about fails (it is tried again at the next check).
   */
  public void onSandboxExpired(
      Consumer<Sandbox> listener, BiConsumer<Sandbox, RuntimeException> failed) {
    sandboxes.onExpiry(listener, failed);
  }

  private void expireSandboxes() {
    try {
      sandboxes.expire(options.clock().instant());
    } catch (RuntimeException e) {
      System.err.println("prooflane: TTL check failed: " + e.getMessage());
    }
  }

  /**
   * Stops every process this runtime started (the Kafka broker after the services, which may still
   * commit their offsets), the router and the store.
   */
  @Override
  public void close() {
    ttlTimer.shutdownNow();
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    stops.add(CompletableFuture.runAsync(sandboxes::stopAll));
    stops.add(CompletableFuture.runAsync(baseline::stopAll));
    stops.forEach(CompletableFuture::join);
    kafka.ifPresent(broker -> broker.stop(options.stopGrace()));
    values.databases().ifPresent(Databases::close);
    launcher.close();
    supervisor.close();
    router.close();
    store.close();
  }

  static NotFoundException noSandbox(String name, java.util.Collection<String> known) {
    return new NotFoundException(
        "sandbox",
        name,
        known.isEmpty()
            ? "there are no sandboxes"
            : "known sandboxes: " + String.join(", ", known));
  }
}
