package dev.prooflane.server.runs;

import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One run the daemon started: its request, progress so far and, once done, its result. */
public final class RunRecord {
  private final String id;
  private final RunRequest request;
  private final Instant createdAt;
  private final Path reportDir;
  private final List<String> progress = new ArrayList<>();
  private final CompletableFuture<RunResult> result = new CompletableFuture<>();
  private volatile String failure;

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

  /** RUNNING, DONE, or FAILED when the run could not start or its reports not be written. */
  public String state() {
    if (failure != null) {
      return "FAILED";
    }
    return result.isDone() ? "DONE" : "RUNNING";
  }

  /** Why the run could not run, or null. */
  public String failure() {
    return failure;
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
}
