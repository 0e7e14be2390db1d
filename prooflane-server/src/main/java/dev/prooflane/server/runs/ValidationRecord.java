package dev.prooflane.server.runs;

import dev.prooflane.server.json.RunView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One validation the daemon started: its sandbox, the runs so far, its progress and, once it has
 * ended, its outcome. Thread-safe.
 */
public final class ValidationRecord {
  private final String id;
  private final String sandbox;
  private final Instant createdAt;
  private final List<String> progress = new ArrayList<>();
  private final List<String> runIds = new ArrayList<>();
  private final CompletableFuture<Validations.Outcome> outcome = new CompletableFuture<>();
  private String routingKey;
  private long readyMillis = -1;
  private String currentRun;
  private String cancellation;
  private String failure;

  ValidationRecord(String id, String sandbox, Instant createdAt) {
    this.id = id;
    this.sandbox = sandbox;
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  /** The name of the sandbox it creates. */
  public String sandbox() {
    return sandbox;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /**
   * RUNNING; DONE; CANCELLED once a cancelled validation has ended; FAILED when it could not run.
   */
  public synchronized String state() {
    if (!outcome.isDone()) {
      return "RUNNING";
    }
    if (cancellation != null) {
      return "CANCELLED";
    }
    return failure != null ? "FAILED" : "DONE";
  }

  /** The sandbox's key once it was created, else null. */
  public synchronized String routingKey() {
    return routingKey;
  }

  /** Create to routable in milliseconds, or -1 before the sandbox is ready. */
  public synchronized long readyMillis() {
    return readyMillis;
  }

  /** Who cancelled it and why, or null. */
  public synchronized String cancellation() {
    return cancellation;
  }

  /** Why it could not run, or null. */
  public synchronized String failure() {
    return failure;
  }

  /** The ids of its runs so far, in order. */
  public synchronized List<String> runIds() {
    return List.copyOf(runIds);
  }

  public synchronized List<String> progress() {
    return List.copyOf(progress);
  }

  /** Completes with the outcome, or exceptionally with why the validation could not run. */
  public CompletableFuture<Validations.Outcome> outcome() {
    return outcome;
  }

  synchronized void progress(String line) {
    progress.add(line);
  }

  synchronized void ready(String key, long millis) {
    routingKey = key;
    readyMillis = millis;
  }

  synchronized void running(String runId) {
    runIds.add(runId);
    currentRun = runId;
  }

  synchronized void ranOut() {
    currentRun = null;
  }

  /**
   * Marks it cancelled; answers the run under way (to cancel too), or null.
   *
   * @return null when it has ended already or was cancelled before
   */
  synchronized String cancel(String why) {
    if (outcome.isDone() || cancellation != null) {
      return null;
    }
    cancellation = why;
    return currentRun == null ? "" : currentRun;
  }

  synchronized boolean cancelled() {
    return cancellation != null;
  }

  void done(Validations.Outcome result) {
    outcome.complete(result);
  }

  void failed(RuntimeException e) {
    synchronized (this) {
      failure = String.valueOf(e.getMessage());
    }
    outcome.completeExceptionally(e);
  }

  /** The views of its runs, looked up in {@code runs}. */
  List<RunView> runViews(Runs runs) {
    List<RunView> out = new ArrayList<>();
    for (String runId : runIds()) {
      out.add(RunView.of(runs.get(runId)));
    }
    return out;
  }
}
