package dev.prooflane.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.tools.CallControl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One tool call under way: sends its progress as {@code notifications/progress} (when the request
 * carried a {@code progressToken}) and as log messages (when the client set a log level), and runs
 * the hooks of a cancellation. After a cancellation nothing more is sent about it.
 */
final class ToolCall implements CallControl {
  private final JsonNode id;
  private final Outbound out;
  private final JsonNode progressToken;
  private final LogLevel.Threshold logs;
  private final Executor executor;
  private final List<Runnable> hooks = new ArrayList<>();
  private long progress;
  private boolean cancelled;

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
    if (progressToken != null) {
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      params.set("progressToken", progressToken);
      params.put("progress", ++progress);
      params.put("message", text);
      out.send(JsonRpc.notification("notifications/progress", params));
    }
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

  /** Sends the response, unless the call was cancelled. */
  synchronized void answer(ObjectNode response) {
    if (!cancelled) {
      out.send(response);
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
      run = List.copyOf(hooks);
      hooks.clear();
    }
    out.abandon();
    run.forEach(executor::execute);
  }
}
