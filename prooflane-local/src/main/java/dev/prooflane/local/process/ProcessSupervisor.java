package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts processes, records them in a {@link ProcessRegistry} while they run, and stops all of them
 * on {@link #close()} or when the JVM shuts down (SIGTERM, SIGINT, {@code System.exit}).
 *
 * <p>A JVM killed with SIGKILL runs no shutdown hook; its children survive and the next daemon
 * reaps them with {@link OrphanReaper} from the registry.
 */
public final class ProcessSupervisor implements AutoCloseable {
  /** The grace period of {@link #close()} and of the shutdown hook. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  private final ProcessRegistry registry;
  private final Duration shutdownGrace;
  private final Set<ManagedProcess> running = ConcurrentHashMap.newKeySet();
  private final Thread shutdownHook;
  private volatile boolean closed;

  /** A supervisor whose shutdown hook gives each process {@link #DEFAULT_GRACE} to stop. */
  public ProcessSupervisor(ProcessRegistry registry) {
    this(registry, DEFAULT_GRACE);
  }

  /** A supervisor whose shutdown hook gives each process {@code shutdownGrace} to stop. */
  public ProcessSupervisor(ProcessRegistry registry, Duration shutdownGrace) {
    this.registry = requireNonNull(registry, "registry");
    this.shutdownGrace = requireNonNull(shutdownGrace, "shutdownGrace");
    this.shutdownHook = new Thread(() -> stopAll(this.shutdownGrace), "prooflane-supervisor-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a process as {@code spec} says, records it in the registry and starts capturing its
   * output. The child's stdin is closed at once.
   *
   * @throws ProcessStartException when the working directory is missing or the operating system
   *     refuses to run the command (program not found, not executable, ...)
   * @throws IllegalStateException after {@link #close()}
   */
  public ManagedProcess start(ProcessSpec spec) {
    requireNonNull(spec, "spec");
    if (closed) {
      throw new IllegalStateException("supervisor closed: cannot start " + spec.id());
    }
    if (!Files.isDirectory(spec.workdir())) {
      throw new ProcessStartException(
          spec.id(),
          spec.command(),
          "cannot start "
              + spec.id()
              + ": working directory "
              + spec.workdir()
              + " does not exist (command: "
              + String.join(" ", spec.command())
              + "); create it or fix the service's workdir",
          null);
    }
    ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(spec.workdir().toFile());
    builder.environment().putAll(spec.env());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ProcessStartException(
          spec.id(),
          spec.command(),
          "cannot start "
              + spec.id()
              + ": command '"
              + String.join(" ", spec.command())
              + "' in "
              + spec.workdir()
              + " failed: "
              + osError(e)
              + "; check that the program exists, is executable and is on PATH (or give its path)",
          e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // The child may already be gone; its exit is observed like any other.
    }
    ProcessHandle handle = process.toHandle();
    // The OS start instant, not Instant.now(): the reaper compares it to detect a reused pid.
    Instant startedAt = handle.info().startInstant().orElseGet(Instant::now);
    LogBuffer logs = new LogBuffer(spec.logFile(), LogBuffer.DEFAULT_CAPACITY);
    logs.note("started pid " + process.pid() + ": " + String.join(" ", spec.command()));
    ManagedProcess managed =
        new ManagedProcess(spec.id(), spec.command(), process, startedAt, logs);
    try {
      registry.add(spec.id(), process.pid(), startedAt);
    } catch (RuntimeException e) {
      // An unrecorded process could outlive a crash unseen; do not keep it.
      ProcessTree.terminate(List.of(handle), Duration.ZERO);
      logs.closeFile();
      throw e;
    }
    running.add(managed);
    managed.watch(
        pid -> {
          running.remove(managed);
          try {
            registry.remove(pid);
          } catch (RuntimeException e) {
            // A stale record is harmless: the reaper skips a pid that is gone or reused.
          }
        });
    if (closed) {
      // close() ran while this one started: it must not survive the supervisor.
      managed.stop(Duration.ZERO);
    }
    return managed;
  }

  /** The processes started here that have not exited yet. */
  public List<ManagedProcess> processes() {
    return List.copyOf(running);
  }

  /**
   * Stops every running process and its descendants in parallel; see {@link ManagedProcess#stop}.
   */
  public void stopAll(Duration grace) {
    requireNonNull(grace, "grace");
    List<Thread> stoppers = new ArrayList<>();
    for (ManagedProcess process : List.copyOf(running)) {
      Thread stopper = new Thread(() -> process.stop(grace), process.id() + "-stop");
      stopper.setDaemon(true);
      stopper.start();
      stoppers.add(stopper);
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Refuses new starts, stops everything with {@link #DEFAULT_GRACE} and removes the hook. */
  @Override
  public void close() {
    closed = true;
    stopAll(DEFAULT_GRACE);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down and the hook is already running.
    }
  }

  /** "error=2, No such file or directory" from "Cannot run program ...: error=2, No such ...". */
  private static String osError(IOException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage() != null ? cause.getMessage() : e.getMessage();
    return message == null ? e.toString() : message;
  }
}
