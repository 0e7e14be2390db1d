package dev.prooflane.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.tools.CallControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One tool call under way: sends its progress as {@code notifications/progress} (when the request
 * carried a {@code progressToken}) and as log messages (when the client set a log level), and runs
 * the hooks of a cancellation. After a cancellation nothing more is sent about it. A call that has
 * reported nothing for {@link #QUIET} says it is still working, so that a client which resets its
 * request timeout on progress keeps waiting through a long step.
 */
final class ToolCall implements CallControl {
  /** The longest a followed call stays silent. */
  static final Duration QUIET = Duration.ofSeconds(2);

  private final JsonNode id;
  private final Outbound out;
  private final JsonNode progressToken;
  private final LogLevel.Threshold logs;
  private final Executor executor;
  private final List<Runnable> hooks = new ArrayList<>();
  private final long started = System.nanoTime();
  private long progress;
  private boolean cancelled;
  private boolean answered;
  private long lastSent = System.nanoTime();
  private String latest = "started";
  private ScheduledFuture<?> heartbeat;

  ToolCall(
      JsonNode id,
      Outbound out,
      JsonNode progressToken,
      LogLevel.Threshold logs,
      Executor executor) {
    this.id = id;
    this.out = out;
    this.progressToken = progressToken;
    this.logs = logs;
    this.executor = executor;
  }

  JsonNode id() {
    return id;
  }

  @Override
  public synchronized void progress(String message) {
    if (cancelled) {
      return;
    }
    String text = message.strip();
    latest = text;
    sendProgress(text);
    LogLevel level = text.startsWith("warning") ? LogLevel.WARNING : LogLevel.INFO;
    if (logs.admits(level)) {
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      params.put("level", level.text());
      params.put("logger", "prooflane");
      params.put("data", text);
      out.send(JsonRpc.notification("notifications/message", params));
    }
  }

  @Override
  public void onCancel(Runnable hook) {
    synchronized (this) {
      if (!cancelled) {
        hooks.add(hook);
        return;
      }
    }
    executor.execute(hook);
  }

  @Override
  public synchronized boolean cancelled() {
    return cancelled;
  }

  /** Reports every {@link #QUIET} that the call is still working, when it is followed. */
  synchronized void keepAlive(ScheduledExecutorService ticker) {
    if (progressToken != null && !answered && !cancelled) {
      long half = QUIET.toMillis() / 2;
      heartbeat = ticker.scheduleAtFixedRate(this::beat, half, half, TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void beat() {
    if (cancelled || answered || System.nanoTime() - lastSent < QUIET.toNanos()) {
      return;
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000;
    sendProgress("still working after " + seconds + " s; latest: " + latest);
  }

  private void sendProgress(String text) {
    if (progressToken == null) {
      return;
    }
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.set("progressToken", progressToken);
    params.put("progress", ++progress);
    params.put("message", text);
    out.send(JsonRpc.notification("notifications/progress", params));
    lastSent = System.nanoTime();
  }

  /** Sends the response, unless the call was cancelled. */
  synchronized void answer(ObjectNode response) {
    answered = true;
    stopHeartbeat();
    if (!cancelled) {
      out.send(response);
    }
  }

  private void stopHeartbeat() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
  }

  /** Cancels the call: runs its hooks, and tells the transport that no answer will come. */
  void cancel() {
    List<Runnable> run;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      stopHeartbeat();
      run = List.copyOf(hooks);
      hooks.clear();
    }
    out.abandon();
    run.forEach(executor::execute);
  }
}
