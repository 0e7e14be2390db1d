package dev.prooflane.server.runs;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** One run the daemon started: its request, progress so far and, once done, its result. */
public final class RunRecord {
  private final String id;
  private final RunRequest request;
  private final Instant createdAt;
  private final Path reportDir;
  private final List<String> progress = new ArrayList<>();
  private final CompletableFuture<RunResult> result = new CompletableFuture<>();
  private volatile String failure;
  private volatile String cancellation;
  private Thread runner;
  private boolean engineDone;

  RunRecord(String id, RunRequest request, Instant createdAt, Path reportDir) {
    this.id = id;
    this.request = request;
    this.createdAt = createdAt;
    this.reportDir = reportDir;
  }

  public String id() {
    return id;
  }

  public RunRequest request() {
    return request;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Path reportDir() {
    return reportDir;
  }

  /**
   * RUNNING; DONE; CANCELLED once a cancelled run has ended; or FAILED when the run could not start
   * or its reports not be written.
   */
  public String state() {
    if (!result.isDone()) {
      return "RUNNING";
    }
    if (cancellation != null) {
      return "CANCELLED";
    }
    return failure != null ? "FAILED" : "DONE";
  }

  /** Why the run could not run, or null. */
  public String failure() {
    return failure;
  }

  /** Who cancelled the run and why, or null when it was not cancelled. */
  public String cancellation() {
    return cancellation;
  }

  public synchronized List<String> progress() {
    return List.copyOf(progress);
  }

  synchronized void progress(String line) {
    progress.add(line);
  }

  /** Completes when the run is done (or failed to run). */
  public CompletableFuture<RunResult> result() {
    return result;
  }

  void fail(String why) {
    failure = why;
    result.completeExceptionally(new IllegalStateException(why));
  }

  /**
   * Runs the engine on the calling thread, which {@link #cancel} interrupts meanwhile; the
   * interrupt is cleared afterwards, so that the reports are written whatever happened.
   */
  <T> T interruptibly(Supplier<T> engine) {
    synchronized (this) {
      runner = Thread.currentThread();
      if (cancellation != null) {
        runner.interrupt();
      }
    }
    try {
      return engine.get();
    } finally {
      synchronized (this) {
        runner = null;
        engineDone = true;
      }
      Thread.interrupted();
    }
  }

  /**
   * {@code inner}, each call made with the thread's interrupt held back and no cancellation landing
   * meanwhile: listeners write the audit log, whose file channel an interrupted writer would close
   * for every later writer.
   */
  RunListener shielded(RunListener inner) {
    return new RunListener() {
      @Override
      public void stepStarted(String stepId, String action) {
        shield(() -> inner.stepStarted(stepId, action));
      }

      @Override
      public void stepFinished(StepResult result) {
        shield(() -> inner.stepFinished(result));
      }

      @Override
      public void policyRefused(String stepId, String rule, String message) {
        shield(() -> inner.policyRefused(stepId, rule, message));
      }
    };
  }

  private synchronized void shield(Runnable call) {
    boolean interrupted = Thread.interrupted();
    try {
      call.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Asks the run to stop: the step under way ends with ERROR, the later ones do not run. No effect
   * once the engine is done.
   *
   * @return whether the cancellation took effect
   */
  synchronized boolean cancel(String why) {
    if (engineDone || result.isDone() || cancellation != null) {
      return false;
    }
    cancellation = why;
    if (runner != null) {
      runner.interrupt();
    }
    return true;
  }
}
