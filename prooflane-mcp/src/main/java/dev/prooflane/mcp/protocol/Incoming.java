package dev.prooflane.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** One message read from a client, already checked: what it is decides how it is answered. */
public sealed interface Incoming {
  /**
   * A request: it gets exactly one response (unless the client cancels it).
   *
   * @param id its id, a string or a number
   * @param method the method
   * @param params its params, an object (empty when it had none)
   */
  record Request(JsonNode id, String method, JsonNode params) implements Incoming {}

  /**
   * A notification: no response.
   *
   * @param method the method
   * @param params its params, an object (empty when it had none)
   */
  record Notification(String method, JsonNode params) implements Incoming {}

  /**
   * A response from the client; this server sends no requests, so it is ignored.
   *
   * @param id its id
   */
  record Reply(JsonNode id) implements Incoming {}

  /**
   * Not a message this server takes; answered with this error.
   *
   * @param id the id when one could be read, else null
   * @param code the JSON-RPC error code
   * @param message what was wrong, in plain words
   */
  record Invalid(JsonNode id, int code, String message) implements Incoming {}
}
