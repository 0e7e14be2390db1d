package dev.prooflane.server;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.policy.PolicyFile;
import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.LocalRuntimeAccess;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Environment;
import dev.prooflane.server.api.ApiServer;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.auth.TokenStore;
import dev.prooflane.server.runs.Runs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The control-plane daemon: a local runtime and its REST API, announced in {@code daemon.json} and
 * open to holders of a token (the first start creates the admin token, {@code admin.token}). {@link
 * #close} (or a shutdown request, or SIGTERM/SIGINT through the shutdown hook) stops every process
 * it started.
 */
public final class Daemon implements AutoCloseable {
  private final LocalRuntime runtime;
  private final ApiServer api;
  private final Runs runs;
  private final Governance governance;
  private final TokenStore tokens;
  private final Path stateDir;
  private final DaemonInfo info;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Thread hook;

  private Daemon(
      LocalRuntime runtime,
      Path stateDir,
      String host,
      int apiPort,
      PolicyFile policy,
      Consumer<String> progress,
      java.util.List<dev.prooflane.server.api.ApiExtension> extensions) {
    this.runtime = runtime;
    this.stateDir = stateDir;
    StateFolder state = StateFolder.of(stateDir);
    this.tokens = TokenStore.open(state);
    try {
      AdminTokenFile.ensure(tokens, stateDir, progress);
      this.governance = new Governance(policy, state);
    } catch (RuntimeException e) {
      tokens.close();
      throw e;
    }
    try {
      this.runs =
          new Runs(
              runtime.environment(),
              new LocalRuntimeAccess(runtime, text -> governance.redactor().text(text)),
              governance,
              state);
      runtime.onSandboxExpired(governance::sandboxExpired);
    } catch (RuntimeException e) {
      governance.close();
      tokens.close();
      throw e;
    }
    try {
      this.api =
          ApiServer.start(
              runtime, runs, governance, tokens, host, apiPort, this::close, extensions);
    } catch (RuntimeException e) {
      runs.close();
      governance.close();
      tokens.close();
      throw e;
    }
    this.info =
        new DaemonInfo(
            ProcessHandle.current().pid(),
            "http://" + host + ":" + api.port() + "/api/v1",
            runtime.environment().file().toAbsolutePath().toString(),
            Instant.now());
    info.write(StateFolder.of(stateDir));
    this.hook = new Thread(this::close, "prooflane-daemon-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts a daemon for {@code env} with state under {@code stateDir}, its API on {@code
   * host:apiPort} (0 = any free port); refuses when another live daemon owns {@code stateDir}.
   */
  public static Daemon start(
      Environment env, Path stateDir, String host, int apiPort, Consumer<String> progress) {
    return start(env, stateDir, host, apiPort, progress, java.util.List.of());
  }

  /** As {@link #start(Environment, Path, String, int, Consumer)}, with extra routes on the API. */
  public static Daemon start(
      Environment env,
      Path stateDir,
      String host,
      int apiPort,
      Consumer<String> progress,
      java.util.List<dev.prooflane.server.api.ApiExtension> extensions) {
    return start(env, stateDir, host, apiPort, java.util.Optional.empty(), progress, extensions);
  }

  /**
   * As {@link #start(Environment, Path, String, int, Consumer, java.util.List)}, with the runs
   * governed by the policy file {@code policy} (docs/policy.md; read again when it changes), or the
   * default policy when empty. A broken policy file stops the start with its located problems.
   */
  public static Daemon start(
      Environment env,
      Path stateDir,
      String host,
      int apiPort,
      java.util.Optional<Path> policy,
      Consumer<String> progress,
      java.util.List<dev.prooflane.server.api.ApiExtension> extensions) {
    PolicyFile policyFile = PolicyFile.load(policy, ActionCatalog.builtIn().names());
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
    LocalRuntime runtime = LocalRuntime.start(env, LocalOptions.of(stateDir), progress);
    try {
      return new Daemon(runtime, stateDir, host, apiPort, policyFile, progress, extensions);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  public DaemonInfo info() {
    return info;
  }

  public LocalRuntime runtime() {
    return runtime;
  }

  public Runs runs() {
    return runs;
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
      api.close();
      runs.close();
      governance.close();
      tokens.close();
      runtime.close();
      DaemonInfo.delete(StateFolder.of(stateDir));
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
}
