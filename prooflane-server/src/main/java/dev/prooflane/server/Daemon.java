package dev.prooflane.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.policy.PolicyFile;
import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.LocalRuntimeAccess;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.StateFolderCheck;
import dev.prooflane.local.store.Recovery;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Environment;
import dev.prooflane.server.api.ApiExtension;
import dev.prooflane.server.api.ApiPath;
import dev.prooflane.server.api.ApiServer;
import dev.prooflane.server.api.ApiServices;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.auth.ServicesToken;
import dev.prooflane.server.auth.TokenStore;
import dev.prooflane.server.baseline.BaselineService;
import dev.prooflane.server.runs.Runs;
import dev.prooflane.server.runs.Validations;
import dev.prooflane.server.sandboxes.SandboxService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The control-plane daemon: a local runtime and its REST API, announced in {@code daemon.json} and
 * open to holders of a token (the first start creates the admin token, {@code admin.token}; each
 * start a new {@linkplain ServicesToken services token}, which every service process gets with the
 * API's address: {@value #SERVICE_API}, {@value #SERVICE_TOKEN}). The one place where the daemon's
 * parts are built and wired. {@link #close} (or a shutdown request, or SIGTERM/SIGINT through the
 * shutdown hook) stops every process it started.
 */
public final class Daemon implements AutoCloseable {
  /** Netty's switch for its Flight Recorder events. */
  private static final String NETTY_JFR = "io.netty.jfr.enabled";

  /** The variable that tells every service process the API's base URL. */
  public static final String SERVICE_API = "PROOFLANE_API";

  /**
   * The variable that gives every service process the secret of the {@linkplain ServicesToken
   * services token}.
   */
  public static final String SERVICE_TOKEN = "PROOFLANE_SERVICE_TOKEN";

  private final LocalRuntime runtime;
  private final StateFolder state;
  private final ApiServer api;
  private volatile DaemonInfo info;

  /** What to close when the daemon stops, the last opened first. */
  private final Deque<Runnable> closers = new ArrayDeque<>();

  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Thread hook;

  private Daemon(
      Environment env,
      LocalOptions options,
      String host,
      int apiPort,
      PolicyFile policy,
      Consumer<String> progress,
      List<ApiExtension> extensions) {
    this.state = options.stateFolder();
    // before anything writes there, so that an unwritable folder is said as such, with the fix
    StateFolderCheck.requireWritable(state);
    LocalRuntime started = null;
    Runs runs;
    try {
      TokenStore tokens = TokenStore.open(state);
      closers.push(tokens::close);
      Governance governance = new Governance(policy, state);
      closers.push(governance::close);
      // the API's address first (503 until it serves): the services get it in their environment
      this.api = ApiServer.bind(host, apiPort);
      closers.push(api::close);
      String apiUrl = "http://" + host + ":" + api.port() + ApiPath.BASE;
      String servicesSecret =
          ServicesToken.renew(
              tokens,
              (event, token) -> governance.record(event, Governance.token(token, "daemon")));
      governance.redact(servicesSecret);
      started =
          LocalRuntime.start(
              env,
              options.withServiceEnv(Map.of(SERVICE_API, apiUrl, SERVICE_TOKEN, servicesSecret)),
              progress);
      this.runtime = started;
      runtime.recovery().ifPresent(r -> reportRecovery(governance, r, progress));
      AdminTokenFile.ensure(
          tokens,
          state.root(),
          progress,
          token -> governance.record("token.created", Governance.token(token, "daemon")));
      SandboxService sandboxes = SandboxService.of(runtime, governance);
      runs =
          new Runs(
              runtime::environment,
              new LocalRuntimeAccess(runtime, text -> governance.redactor().text(text)),
              governance,
              state);
      closers.push(runs::close);
      Validations validations = new Validations(runs, sandboxes, governance);
      BaselineService baseline = new BaselineService(runtime, governance, this::applied);
      api.serve(
          new ApiServices(
              runtime, sandboxes, baseline, runs, validations, tokens, governance, this::close),
          extensions);
    } catch (RuntimeException e) {
      closeParts();
      if (started != null) {
        started.close();
      }
      throw e;
    }
    this.info =
        new DaemonInfo(
            ProcessHandle.current().pid(),
            "http://" + host + ":" + api.port() + ApiPath.BASE,
            runtime.environment().file().toAbsolutePath().toString(),
            Instant.now());
    info.write(state);
    prepareInBackground(runs);
    this.hook = new Thread(this::close, "prooflane-daemon-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Records a recovery of the state database and says which audited changes it may miss. */
  private static void reportRecovery(
      Governance governance, Recovery recovery, Consumer<String> progress) {
    List<String> after = governance.stateRecovered(recovery);
    if (!after.isEmpty()) {
      progress.accept(
          "WARNING: the audit log records sandbox changes after the backup of "
              + recovery.backupTime()
              + ", which the recovered state may miss: "
              + String.join("; ", after));
    }
  }

  /**
   * Starts a daemon for {@code env} with state under {@code stateDir}, its API on {@code
   * host:apiPort} (0 = any free port); refuses when another live daemon owns {@code stateDir}.
   */
  public static Daemon start(
      Environment env, Path stateDir, String host, int apiPort, Consumer<String> progress) {
    return start(env, stateDir, host, apiPort, progress, List.of());
  }

  /** As {@link #start(Environment, Path, String, int, Consumer)}, with extra routes on the API. */
  public static Daemon start(
      Environment env,
      Path stateDir,
      String host,
      int apiPort,
      Consumer<String> progress,
      List<ApiExtension> extensions) {
    return start(env, stateDir, host, apiPort, Optional.empty(), progress, extensions);
  }

  /**
   * As {@link #start(Environment, Path, String, int, Consumer, List)}, with the runs governed by
   * the policy file {@code policy} (docs/policy.md; read again when it changes), or the default
   * policy when empty. A broken policy file stops the start with its located problems.
   */
  public static Daemon start(
      Environment env,
      Path stateDir,
      String host,
      int apiPort,
      Optional<Path> policy,
      Consumer<String> progress,
      List<ApiExtension> extensions) {
    return start(env, LocalOptions.of(stateDir), host, apiPort, policy, progress, extensions);
  }

  /**
   * As {@link #start(Environment, Path, String, int, Optional, Consumer, List)}, with the local
   * runtime's settings in {@code options} (its state folder among them), such as how often a
   * starting service is reported as still waiting.
   */
  public static Daemon start(
      Environment env,
      LocalOptions options,
      String host,
      int apiPort,
      Optional<Path> policy,
      Consumer<String> progress,
      List<ApiExtension> extensions) {
    withoutNettyFlightRecorderEvents();
    PolicyFile policyFile = PolicyFile.load(policy, ActionCatalog.builtIn().names());
    Path stateDir = options.stateFolder().root();
    DaemonInfo.read(stateDir)
        .filter(DaemonInfo::alive)
        .ifPresent(
            other -> {
              throw new ConflictException(
                  "a daemon already runs for "
                      + stateDir
                      + " (pid "
                      + other.pid()
                      + ", "
                      + other.apiUrl()
                      + "); stop it with: prooflane down");
            });
    return new Daemon(env, options, host, apiPort, policyFile, progress, extensions);
  }

  /**
   * Does, once the daemon is ready and on a thread of low priority, what its first requests would
   * otherwise do themselves: a rehearsal of a sandbox creation ({@link FirstCreation}) and the
   * reading of the skill catalog (which took a fresh daemon's first {@code skill list} over half a
   * second). Nothing depends on it: what fails here is made, or reported, when a request needs it.
   */
  private static void prepareInBackground(Runs runs) {
    Thread preparation =
        new Thread(
            () -> {
              try {
                FirstCreation.rehearse();
              } catch (JsonProcessingException | RuntimeException e) {
                // the first creation makes what is missing itself
              }
              try {
                runs.skills(List.of());
              } catch (RuntimeException e) {
                // broken skill files are reported to the request that asks for them
              }
            },
            "prooflane-prepare");
    preparation.setDaemon(true);
    preparation.setPriority(Thread.MIN_PRIORITY);
    preparation.start();
  }

  /**
   * Netty records its buffer allocations as JDK Flight Recorder events unless told otherwise, and
   * its first allocation (the daemon's first request) then registers them with the recorder: its
   * metadata, annotations and generated handler classes, 100 to 150 ms of that request, for events
   * nobody records here. Off, before Netty starts, unless {@code -Dio.netty.jfr.enabled} says.
   */
  private static void withoutNettyFlightRecorderEvents() {
    if (System.getProperty(NETTY_JFR) == null) {
      System.setProperty(NETTY_JFR, "false");
    }
  }

  public DaemonInfo info() {
    return info;
  }

  /** Names the environment file in force in {@code daemon.json} once another one was applied. */
  private void applied(Environment env) {
    String file = env.file().toAbsolutePath().toString();
    DaemonInfo current = info;
    if (current != null && !current.envFile().equals(file)) {
      DaemonInfo next = new DaemonInfo(current.pid(), current.apiUrl(), file, current.startedAt());
      next.write(state);
      info = next;
    }
  }

  public LocalRuntime runtime() {
    return runtime;
  }

  /** Blocks until the daemon has stopped. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops the API, every process and the router; safe to call more than once. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    try {
      closeParts();
      runtime.close();
      DaemonInfo.delete(state);
    } finally {
      stopped.countDown();
      if (Thread.currentThread() != hook) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // already shutting down: the hook is running or has run
        }
      }
    }
  }

  /** Closes the API, the runs, the governance and the token store, in that order. */
  private void closeParts() {
    while (!closers.isEmpty()) {
      closers.pop().run();
    }
  }
}
