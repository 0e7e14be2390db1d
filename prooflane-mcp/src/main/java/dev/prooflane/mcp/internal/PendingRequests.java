package dev.prooflane.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON-RPC requests read from the client and not answered yet, by id. The stdio transport stops
 * writing once its input ends, so end-of-input is held back until this is empty.
 */
final class PendingRequests {
  private final Map<String, Integer> pending = new HashMap<>();
  private String initializeId;
  private boolean initialized;

  /** Counts a message read from the client: a request (method and id) waits for its answer. */
  synchronized void read(JsonNode message) {
    String method = message.path("method").asText(null);
    if (method != null && message.has("id")) {
      String id = message.get("id").toString();
      pending.merge(id, 1, Integer::sum);
      if ("initialize".equals(method)) {
        initializeId = id;
      }
    } else if ("notifications/initialized".equals(method)) {
      initialized = true;
      notifyAll();
    }
  }

  /**
   * Whether nothing more will be answered: every request was, or the client never sent {@code
   * notifications/initialized} (the SDK holds other requests until it does) and the {@code
   * initialize} request itself was answered.
   */
  private boolean settled() {
    return pending.isEmpty()
        || (!initialized && (initializeId == null || !pending.containsKey(initializeId)));
  }

  /** Counts a message written to the client: a response (id, result or error) answers a request. */
  synchronized void written(JsonNode message) {
    if (!message.has("method")
        && message.has("id")
        && (message.has("result") || message.has("error"))) {
      String id = message.get("id").toString();
      pending.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
      if (settled()) {
        notifyAll();
      }
    }
  }

  synchronized int size() {
    return pending.size();
  }

  /** Waits until every request is answered or {@code limit} has passed; true when all were. */
  synchronized boolean awaitNone(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!settled()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized String describe() {
    return String.join(", ", pending.keySet())
        + (initialized ? "" : " (the client never sent notifications/initialized)");
  }
}
