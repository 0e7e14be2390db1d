package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * A running (or finished) process started by a {@link ProcessSupervisor}, with its captured output.
 *
 * <p>Two daemon threads, {@code <id>-stdout} and {@code <id>-stderr}, copy its output into {@link
 * #logs()}; a third, {@code <id>-exit}, completes {@link #onExit()} once the process has exited and
 * its output is drained.
 */
public final class ManagedProcess {
  /**
   * How long to wait for the output after the process exited. A grandchild that inherited stdout
   * can keep the pipe open for ever, so the wait is bounded.
   */
  private static final Duration DRAIN = Duration.ofMillis(500);

  private final String id;
  private final List<String> command;
  private final Process process;
  private final Instant startedAt;
  private final LogBuffer logs;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  ManagedProcess(
      String id, List<String> command, Process process, Instant startedAt, LogBuffer logs) {
    this.id = requireNonNull(id, "id");
    this.command = List.copyOf(command);
    this.process = requireNonNull(process, "process");
    this.startedAt = requireNonNull(startedAt, "startedAt");
    this.logs = requireNonNull(logs, "logs");
  }

  /**
   * Starts the threads that read the output and watch for the exit; {@code onGone} runs with the
   * pid once the process has exited, before {@link #onExit()} completes.
   */
  void watch(LongConsumer onGone) {
    Thread out = reader(process.getInputStream(), LogLine.STDOUT);
    Thread err = reader(process.getErrorStream(), LogLine.STDERR);
    Thread waiter =
        new Thread(
            () -> {
              int code = waitUninterruptibly();
              join(out);
              join(err);
              logs.note("exited with code " + code);
              logs.closeFile();
              onGone.accept(pid());
              exit.complete(code);
            },
            id + "-exit");
    waiter.setDaemon(true);
    waiter.start();
  }

  private Thread reader(InputStream in, String stream) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                  logs.append(stream, line);
                }
              } catch (IOException e) {
                // The pipe closes when the process dies; there is nothing left to read.
              }
            },
            id + "-" + stream);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private int waitUninterruptibly() {
    while (true) {
      try {
        return process.waitFor();
      } catch (InterruptedException e) {
        // Only this class's own thread waits here; keep waiting, the exit must be observed.
      }
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join(DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The instance id, such as {@code pr-42/pricing}. */
  public String id() {
    return id;
  }

  /** The command the process was started with. */
  public List<String> command() {
    return command;
  }

  /** The operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process itself still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, once {@link #onExit()} has completed. */
  public Optional<Integer> exitCode() {
    return Optional.ofNullable(exit.getNow(null));
  }

  /**
   * Completes with the exit code after the process has exited, its output has been read into {@link
   * #logs()} and it has been removed from the registry. Never completes exceptionally.
   */
  public CompletableFuture<Integer> onExit() {
    return exit.copy();
  }

  /** The captured output. */
  public LogBuffer logs() {
    return logs;
  }

  /** When the process started, as the operating system reports it. */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * Stops the process and all its descendants: SIGTERM to each, up to {@code grace} to exit, then
   * SIGKILL to the survivors. Returns when every one of them is gone and {@link #onExit()} has
   * completed. Does nothing more when the process has already exited.
   */
  public void stop(Duration grace) {
    requireNonNull(grace, "grace");
    ProcessTree.terminate(List.of(process.toHandle()), grace);
    try {
      // Bounded: the exit thread only drains output and updates the registry after the exit.
      exit.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Never completes exceptionally; a slow registry is not worth failing a stop for.
    }
  }

  @Override
  public String toString() {
    return id + " (pid " + pid() + ")";
  }
}
