package dev.prooflane.mcp.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a tool call answers: the structured JSON (MCP {@code structuredContent}), a short text an
 * agent reads first, and whether the call failed.
 *
 * @param structured the JSON result, an object
 * @param text the summary, starting with the gist
 * @param error whether the tool could not do what was asked ({@code isError})
 */
public record ToolResult(JsonNode structured, String text, boolean error) {
  public ToolResult {
    requireNonNull(structured, "structured");
    requireNonNull(text, "text");
    if (!structured.isObject()) {
      throw new IllegalArgumentException(
          "structured: " + structured.getNodeType() + " (expected: an object)");
    }
  }

  public static ToolResult ok(JsonNode structured, String text) {
    return new ToolResult(structured, text, false);
  }

  /**
   * A failed call: the text {@code code: message} (what the agent reads, such as {@code no_daemon:
   * no Prooflane daemon is running ...}); {@code structured} holds {@code {"error": code,
   * "message": message}} for Java callers, never sent, since it does not fit the tool's output
   * schema.
   */
  public static ToolResult failure(String code, String message) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("error", code);
    node.put("message", message);
    return new ToolResult(node, code + ": " + message, true);
  }
}
