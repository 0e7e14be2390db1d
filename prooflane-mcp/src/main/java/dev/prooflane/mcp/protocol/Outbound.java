package dev.prooflane.mcp.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the messages about one request go: stdio's output, or the answer to one HTTP POST (JSON, or
 * a stream of events once a notification comes before the response). Thread-safe.
 */
public interface Outbound {
  /** Sends {@code message}: a notification about the request, or its response (the last one). */
  void send(ObjectNode message);

  /** The client cancelled the request: nothing more is sent about it. */
  default void abandon() {}
}
