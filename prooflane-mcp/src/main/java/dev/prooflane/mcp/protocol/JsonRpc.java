package dev.prooflane.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0: the error codes this server answers, and the messages it writes. */
public final class JsonRpc {
  /** The message is not JSON. */
  public static final int PARSE_ERROR = -32700;

  /** JSON, but not a JSON-RPC message this server takes (or not now). */
  public static final int INVALID_REQUEST = -32600;

  /** No such method. */
  public static final int METHOD_NOT_FOUND = -32601;

  /** The method's params are wrong. */
  public static final int INVALID_PARAMS = -32602;

  /** The server failed. */
  public static final int INTERNAL_ERROR = -32603;

  private JsonRpc() {}

  /** {@code {"jsonrpc": "2.0", "id": id, "result": result}}. */
  public static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode out = message();
    out.set("id", id);
    out.set("result", result);
    return out;
  }

  /** {@code {"jsonrpc": "2.0", "id": id or null, "error": {"code": code, "message": message}}}. */
  public static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode out = message();
    out.set("id", id == null ? NullNode.getInstance() : id);
    out.putObject("error").put("code", code).put("message", message);
    return out;
  }

  /** {@code {"jsonrpc": "2.0", "method": method, "params": params}}. */
  public static ObjectNode notification(String method, JsonNode params) {
    ObjectNode out = message();
    out.put("method", method);
    out.set("params", params);
    return out;
  }

  private static ObjectNode message() {
    return JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
  }

  /** What a JSON value is, for messages: {@code an array}, {@code a string}, {@code null}. */
  static String kind(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number (" + value + ")";
      case BOOLEAN -> value.asText();
      case NULL -> "null";
      default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
