package dev.prooflane.local;

import dev.prooflane.local.agent.AgentAttachment;
import dev.prooflane.local.agent.AgentJarMissingException;
import dev.prooflane.local.process.HealthProbe;
import dev.prooflane.local.process.ManagedProcess;
import dev.prooflane.local.process.PortOwner;
import dev.prooflane.local.process.Ports;
import dev.prooflane.local.process.ProcessSpec;
import dev.prooflane.local.process.ProcessStartException;
import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.routing.Upstream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Starts one instance of a service on a free loopback port and waits until it is healthy, saying
 * how the wait goes ({@link StartProgress}).
 */
final class InstanceLauncher implements AutoCloseable {
  /** How many free ports an instance gets, when another program takes the one chosen. */
  private static final int PORT_ATTEMPTS = 3;

  private final ProcessSupervisor supervisor;
  private final StateFolder state;
  private final AgentAttachment agent;
  private final Duration stopGrace;
  private final Duration progressInterval;
  private final Map<String, String> serviceEnv;
  private final AtomicLong generation = new AtomicLong();
  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "prooflane-start-progress");
            t.setDaemon(true);
            return t;
          });

  /**
   * Starts instances under {@code supervisor}, with their logs and drop records in {@code state},
   * attaching {@code agent} to those of services with {@code propagation} set, each with the
   * variables of {@code serviceEnv} (over its own).
   */
  InstanceLauncher(
      ProcessSupervisor supervisor,
      StateFolder state,
      AgentAttachment agent,
      Duration stopGrace,
      Duration progressInterval,
      Map<String, String> serviceEnv) {
    this.supervisor = supervisor;
    this.state = state;
    this.agent = agent;
    this.stopGrace = stopGrace;
    this.progressInterval = progressInterval;
    this.serviceEnv = Map.copyOf(serviceEnv);
  }

  /**
   * Starts {@code spec} as instance {@code owner/service} with the plan {@code plan.apply(port)},
   * and returns once its health check passes; on failure the process is stopped and the exception
   * (naming the instance, its exit code and its last log lines) propagates. {@code progress} hears
   * that it started, every {@code progressInterval} that it is still waiting (with its last line of
   * output), then that it is healthy or why it failed.
   */
  Instance launch(
      String owner, ServiceSpec spec, IntFunction<InstancePlan> plan, Consumer<String> progress) {
    for (int attempt = 1; ; attempt++) {
      try {
        return launchOn(Ports.freePort(), owner, spec, plan, progress);
      } catch (PortTakenException e) {
        if (attempt == PORT_ATTEMPTS) {
          throw new ProoflaneException(
              e.getMessage() + "; gave up after " + PORT_ATTEMPTS + " ports", e);
        }
        progress.accept("  " + e.getMessage() + "; trying another port");
      }
    }
  }

  /** An instance's port was taken by another program between its choice and the bind. */
  private static final class PortTakenException extends ProoflaneException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }

    PortTakenException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Instance launchOn(
      int port,
      String owner,
      ServiceSpec spec,
      IntFunction<InstancePlan> plan,
      Consumer<String> progress) {
    InstancePlan resolved = plan.apply(port);
    String id = owner + "/" + spec.name();
    Path logFile = state.logs().resolve(owner).resolve(spec.name() + ".log");
    long started = System.nanoTime();
    ManagedProcess process;
    try {
      Map<String, String> own = new LinkedHashMap<>(resolved.env());
      own.putAll(serviceEnv);
      Map<String, String> env = withAgent(owner, spec, own);
      process =
          supervisor.start(new ProcessSpec(id, resolved.command(), spec.workdir(), env, logFile));
    } catch (ProcessStartException | AgentJarMissingException e) {
      progress.accept("  " + id + ": failed: " + e.getMessage());
      throw e;
    }
    StartProgress said = new StartProgress(id, spec.health().probe(), process, started, progress);
    said.started(port);
    Future<?> ticking = every(progressInterval, said::tick);
    try {
      HealthProbe.awaitReady(port, spec.protocol(), spec.health(), process, said::answered);
    } catch (RuntimeException e) {
      ticking.cancel(false);
      process.stop(stopGrace);
      if (PortOwner.inUse(port)) {
        // the instance is gone, yet its port is held: another program took it first (its bind
        // failed, and it exited or never answered)
        throw new PortTakenException(
            id
                + ": port "
                + port
                + " was taken by another program before pid "
                + process.pid()
                + " could bind it",
            e);
      }
      said.failed(e);
      throw e;
    }
    ticking.cancel(false);
    if (PortOwner.of(port, process.pid()) == PortOwner.Ownership.OTHER) {
      process.stop(stopGrace);
      throw new PortTakenException(
          id
              + ": port "
              + port
              + " answered the health check, but another program listens on it (it took the"
              + " free port before pid "
              + process.pid()
              + " could bind it)");
    }
    said.healthy();
    Upstream upstream =
        new Upstream("127.0.0.1", port, id + "#" + generation.incrementAndGet(), spec.protocol());
    return new Instance(spec.name(), process, port, upstream);
  }

  /**
   * {@code env} with the agent's variables for an instance of {@code spec} in {@code owner}, when
   * its propagation attaches one; its own {@code JAVA_TOOL_OPTIONS} (else the daemon's, which it
   * would inherit) come first.
   */
  private Map<String, String> withAgent(String owner, ServiceSpec spec, Map<String, String> env) {
    if (!spec.propagation().attachesAgent()) {
      return env;
    }
    String own = env.getOrDefault("JAVA_TOOL_OPTIONS", System.getenv("JAVA_TOOL_OPTIONS"));
    Map<String, String> out = new LinkedHashMap<>(env);
    out.putAll(agent.variables(spec, owner, state.drops(owner, spec.name()), own));
    return out;
  }

  /** Runs {@code tick} every {@code interval}; once closed, never. */
  private Future<?> every(Duration interval, Runnable tick) {
    long nanos = interval.toNanos();
    try {
      return ticks.scheduleAtFixedRate(tick, nanos, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Waits for every start in {@code starts}; returns the message of each that failed, in order. */
  static List<String> failures(List<? extends CompletableFuture<?>> starts) {
    List<String> errors = new ArrayList<>();
    for (CompletableFuture<?> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        errors.add(InstanceLauncher.describe(e));
      }
    }
    return errors;
  }

  /**
   * What a failed start says: its cause's message, or the cause itself (its class) when it has
   * none, so that a failure is never reported as "null".
   */
  static String describe(CompletionException failure) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  void stop(Instance instance) {
    instance.process().stop(stopGrace);
  }

  /** Stops reporting progress; instances are stopped by their owners. */
  @Override
  public void close() {
    ticks.shutdownNow();
  }
}
