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

  /** Counts a message read from the client: a request (method and id) waits for its answer. */
  synchronized void read(JsonNode message) {
    if (message.hasNonNull("method") && message.has("id")) {
      pending.merge(message.get("id").toString(), 1, Integer::sum);
    }
  }

  /** Counts a message written to the client: a response (id, result or error) answers a request. */
  synchronized void written(JsonNode message) {
    if (!message.has("method")
        && message.has("id")
        && (message.has("result") || message.has("error"))) {
      String id = message.get("id").toString();
      pending.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
      if (pending.isEmpty()) {
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
    while (!pending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized String describe() {
    return String.join(", ", pending.keySet());
  }
}
