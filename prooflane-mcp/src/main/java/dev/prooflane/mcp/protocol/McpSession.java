package dev.prooflane.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.DaemonLocator;
import dev.prooflane.mcp.tools.Tool;
import dev.prooflane.mcp.tools.ToolResult;
import dev.prooflane.server.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One MCP session: its lifecycle ({@code initialize} with version negotiation, {@code ping} at any
 * time, other requests only after {@code initialize}), its methods ({@code tools/list}, {@code
 * tools/call}, {@code logging/setLevel}), and its tool calls under way, which {@code
 * notifications/cancelled} cancels. Thread-safe.
 */
public final class McpSession {
  private static final String METHODS =
      "initialize, ping, tools/list, tools/call, logging/setLevel";
  private final McpServer server;
  private final Map<String, ToolCall> calls = new ConcurrentHashMap<>();
  private final Object idle = new Object();
  private final AtomicInteger hooksRunning = new AtomicInteger();
  private volatile String protocolVersion;
  private volatile boolean initialized;
  private volatile LogLevel logLevel;

  McpSession(McpServer server) {
    this.server = server;
  }

  /**
   * Handles {@code message}: its answer, and the notifications about it, go to {@code out} (now, or
   * later from another thread for a tool call); tools reach the daemon through {@code locator}.
   */
  public void handle(Incoming message, Outbound out, DaemonLocator locator) {
    if (message instanceof Incoming.Invalid invalid) {
      out.send(JsonRpc.error(invalid.id(), invalid.code(), invalid.message()));
    } else if (message instanceof Incoming.Notification notification) {
      notification(notification);
    } else if (message instanceof Incoming.Request request) {
      request(request, out, locator);
    }
    // a reply: this server sends no requests, so there is nothing to match it with
  }

  /** The protocol version agreed at initialization, or null before. */
  public String protocolVersion() {
    return protocolVersion;
  }

  /** Whether the client sent {@code notifications/initialized}. */
  public boolean initialized() {
    return initialized;
  }

  /** How many tool calls are under way (neither answered nor cancelled). */
  public int callsUnderWay() {
    return calls.size();
  }

  /**
   * Waits until no tool call is under way and what the cancelled ones asked to stop has been told,
   * at most {@code limit}.
   *
   * @return whether none is
   */
  public boolean awaitIdle(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (idle) {
      while (!calls.isEmpty() || hooksRunning.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        idle.wait(Math.max(1, left / 1_000_000));
      }
    }
    return true;
  }

  /** Cancels the call {@code id}, as {@code notifications/cancelled} does; no-op when none. */
  public void cancel(JsonNode id) {
    ToolCall call = calls.remove(key(id));
    if (call != null) {
      call.cancel();
      settled();
    }
  }

  private void notification(Incoming.Notification notification) {
    switch (notification.method()) {
      case "notifications/initialized" -> initialized = true;
      case "notifications/cancelled" -> {
        JsonNode id = notification.params().get("requestId");
        if (id != null && (id.isTextual() || id.isIntegralNumber())) {
          cancel(id);
        }
      }
      default -> {
        // other notifications (progress, roots changed) need nothing from a tools-only server
      }
    }
  }

  private void request(Incoming.Request request, Outbound out, DaemonLocator locator) {
    JsonNode id = request.id();
    JsonNode params = request.params();
    String method = request.method();
    if ("ping".equals(method)) {
      out.send(JsonRpc.result(id, JsonNodeFactory.instance.objectNode()));
      return;
    }
    if ("initialize".equals(method)) {
      initialize(id, params, out);
      return;
    }
    if (protocolVersion == null) {
      out.send(
          JsonRpc.error(
              id,
              JsonRpc.INVALID_REQUEST,
              "not initialized: send initialize first (then notifications/initialized), then "
                  + method));
      return;
    }
    switch (method) {
      case "tools/list" -> out.send(JsonRpc.result(id, server.toolList()));
      case "tools/call" -> call(id, params, out, locator);
      case "logging/setLevel" -> setLevel(id, params, out);
      default ->
          out.send(
              JsonRpc.error(
                  id,
                  JsonRpc.METHOD_NOT_FOUND,
                  "method '" + method + "' not found (this server answers: " + METHODS + ")"));
    }
  }

  private void initialize(JsonNode id, JsonNode params, Outbound out) {
    JsonNode requested = params.get("protocolVersion");
    if (requested == null || !requested.isTextual()) {
      out.send(
          invalidParams(
              id,
              "params.protocolVersion: "
                  + (requested == null ? "missing" : JsonRpc.kind(requested))
                  + " (expected: the MCP version the client speaks, such as "
                  + ProtocolVersions.SUPPORTED.get(0)
                  + ")"));
      return;
    }
    synchronized (this) {
      if (protocolVersion != null) {
        out.send(
            JsonRpc.error(
                id,
                JsonRpc.INVALID_REQUEST,
                "already initialized (with protocol version "
                    + protocolVersion
                    + "): initialize once per session"));
        return;
      }
      protocolVersion = ProtocolVersions.negotiate(requested.asText());
    }
    out.send(JsonRpc.result(id, server.initializeResult(protocolVersion)));
  }

  private void setLevel(JsonNode id, JsonNode params, Outbound out) {
    JsonNode level = params.get("level");
    LogLevel chosen =
        level != null && level.isTextual() ? LogLevel.of(level.asText()).orElse(null) : null;
    if (chosen == null) {
      out.send(
          invalidParams(
              id,
              "params.level: "
                  + (level == null
                      ? "missing"
                      : level.isTextual() ? "'" + level.asText() + "'" : JsonRpc.kind(level))
                  + " (expected: one of "
                  + String.join(", ", LogLevel.names())
                  + ")"));
      return;
    }
    logLevel = chosen;
    out.send(JsonRpc.result(id, JsonNodeFactory.instance.objectNode()));
  }

  private void call(JsonNode id, JsonNode params, Outbound out, DaemonLocator locator) {
    JsonNode name = params.get("name");
    if (name == null || !name.isTextual()) {
      out.send(
          invalidParams(
              id,
              "params.name: "
                  + (name == null ? "missing" : JsonRpc.kind(name))
                  + " (expected: a tool name: "
                  + String.join(", ", server.toolNames())
                  + ")"));
      return;
    }
    Tool tool = server.tool(name.asText());
    if (tool == null) {
      out.send(
          invalidParams(
              id,
              "unknown tool '"
                  + name.asText()
                  + "' (known tools: "
                  + String.join(", ", server.toolNames())
                  + ")"));
      return;
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      out.send(
          invalidParams(
              id,
              "arguments: expected an object, got "
                  + JsonRpc.kind(arguments)
                  + " (give the tool's fields by name, as its inputSchema lists them)"));
      return;
    }
    JsonNode token = params.path("_meta").get("progressToken");
    boolean validToken = token != null && (token.isTextual() || token.isIntegralNumber());
    LogLevel.Threshold logs = level -> logLevel != null && level.compareTo(logLevel) >= 0;
    ToolCall call = new ToolCall(id, out, validToken ? token : null, logs, this::cancelHook);
    if (calls.putIfAbsent(key(id), call) != null) {
      out.send(
          JsonRpc.error(
              id,
              JsonRpc.INVALID_REQUEST,
              "id: " + id + " is already used by a request not answered yet (use a new id)"));
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> args =
        arguments == null || arguments.isNull()
            ? Map.of()
            : Json.mapper().convertValue(arguments, Map.class);
    call.keepAlive(server.ticker());
    server
        .executor()
        .execute(
            () -> {
              ToolResult result = tool.call(args, locator, call);
              // answered before it stops counting, so that stdio's end waits for the write
              call.answer(JsonRpc.result(id, ToolJson.result(tool, result)));
              if (calls.remove(key(id), call)) {
                settled();
              }
            });
  }

  /** Runs a cancelled call's hook (which stops what it started on the daemon), counted. */
  private void cancelHook(Runnable hook) {
    hooksRunning.incrementAndGet();
    server
        .executor()
        .execute(
            () -> {
              try {
                hook.run();
              } catch (RuntimeException e) {
                System.err.println(
                    "prooflane mcp: cannot stop what a cancelled call started: " + e.getMessage());
              } finally {
                hooksRunning.decrementAndGet();
                settled();
              }
            });
  }

  private void settled() {
    synchronized (idle) {
      idle.notifyAll();
    }
  }

  private static ObjectNode invalidParams(JsonNode id, String why) {
    return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "invalid params: " + why);
  }

  /** Ids 1 and "1" are different requests. */
  private static String key(JsonNode id) {
    return id.toString();
  }
}
