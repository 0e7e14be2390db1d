package dev.prooflane.mcp.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.prooflane.server.json.Json;

/**
 * Reads one JSON-RPC 2.0 message and checks it, so that every way of being wrong gets its own
 * error: not JSON (-32700), a batch or not a JSON-RPC message (-32600), params that are not an
 * object (-32602). Messages say what was wrong in plain words, never the parser's internals.
 */
public final class MessageReader {
  private MessageReader() {}

  /** {@code text} as a message; {@code unit} names what carried it, such as {@code line}. */
  public static Incoming read(String text, String unit) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return new Incoming.Invalid(
          null,
          JsonRpc.PARSE_ERROR,
          "parse error: the "
              + unit
              + " is not valid JSON ("
              + plain(e)
              + "); send one JSON-RPC message per "
              + unit);
    }
    if (node == null || node.isMissingNode()) {
      return new Incoming.Invalid(
          null, JsonRpc.PARSE_ERROR, "parse error: the " + unit + " is empty (expected: JSON)");
    }
    return check(node, unit);
  }

  /** {@code node} as a message. */
  static Incoming check(JsonNode node, String unit) {
    if (node.isArray()) {
      return new Incoming.Invalid(
          null,
          JsonRpc.INVALID_REQUEST,
          "invalid request: batches are not supported (MCP 2025-06-18 removed JSON-RPC"
              + " batching); send one message per "
              + unit);
    }
    if (!node.isObject()) {
      return new Incoming.Invalid(
          null,
          JsonRpc.INVALID_REQUEST,
          "invalid request: expected a JSON-RPC message, an object; got " + JsonRpc.kind(node));
    }
    JsonNode id = node.get("id");
    boolean validId = id != null && (id.isTextual() || id.isIntegralNumber());
    JsonNode replyId = validId ? id : null;
    JsonNode version = node.get("jsonrpc");
    if (version == null || !version.isTextual() || !"2.0".equals(version.asText())) {
      return invalid(
          replyId,
          "jsonrpc: "
              + (version == null ? "missing" : version.toString())
              + " (expected: \"2.0\")");
    }
    if (id != null && !validId) {
      return invalid(
          null,
          "id: "
              + (id.isNull() ? "null" : JsonRpc.kind(id))
              + " (expected: a string or a whole number; leave it out for a notification)");
    }
    JsonNode method = node.get("method");
    if (method == null) {
      if (id != null && (node.has("result") || node.has("error"))) {
        return new Incoming.Reply(id);
      }
      return invalid(replyId, "method: missing (expected: the method to call, such as tools/list)");
    }
    if (!method.isTextual() || method.asText().isEmpty()) {
      return invalid(replyId, "method: " + JsonRpc.kind(method) + " (expected: a method name)");
    }
    JsonNode params = node.get("params");
    if (params == null || params.isNull()) {
      params = JsonNodeFactory.instance.objectNode();
    } else if (!params.isObject()) {
      return new Incoming.Invalid(
          replyId,
          JsonRpc.INVALID_PARAMS,
          "invalid params: params: expected an object, got " + JsonRpc.kind(params));
    }
    return id == null
        ? new Incoming.Notification(method.asText(), params)
        : new Incoming.Request(id, method.asText(), params);
  }

  private static Incoming invalid(JsonNode id, String why) {
    return new Incoming.Invalid(id, JsonRpc.INVALID_REQUEST, "invalid request: " + why);
  }

  /** The parser's complaint and where, without its internals. */
  private static String plain(JsonProcessingException e) {
    String what = e.getOriginalMessage();
    int cut = what.indexOf('\n');
    if (cut >= 0) {
      what = what.substring(0, cut);
    }
    if (e.getLocation() != null && e.getLocation().getColumnNr() > 0) {
      what += " at column " + e.getLocation().getColumnNr();
    }
    return what;
  }
}
