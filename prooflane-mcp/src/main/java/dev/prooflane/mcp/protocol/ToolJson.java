package dev.prooflane.mcp.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.tools.Tool;
import dev.prooflane.mcp.tools.ToolResult;
import dev.prooflane.server.json.Json;

/** Tools and their results as MCP writes them ({@code tools/list}, {@code tools/call}). */
final class ToolJson {
  private ToolJson() {}

  /** {@code {name, title, description, inputSchema, outputSchema, annotations}}. */
  static ObjectNode describe(Tool tool) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("name", tool.name());
    out.put("title", tool.title());
    out.put("description", tool.description());
    out.set("inputSchema", Json.mapper().valueToTree(tool.input().toMap()));
    out.set("outputSchema", Json.mapper().valueToTree(tool.output().toMap()));
    boolean read = tool.effect() == Tool.Effect.READ;
    boolean destructive = tool.effect() == Tool.Effect.DESTRUCTIVE;
    out.putObject("annotations")
        .put("title", tool.title())
        .put("readOnlyHint", read)
        .put("destructiveHint", destructive)
        .put("idempotentHint", read || destructive)
        .put("openWorldHint", false);
    return out;
  }

  /**
   * A call's result: the text first; on success the structured content, made to fit the tool's
   * output schema; on failure none, so that a client checking structured content against the schema
   * still shows the agent the message.
   */
  static ObjectNode result(Tool tool, ToolResult result) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.putArray("content").addObject().put("type", "text").put("text", result.text());
    if (!result.error()) {
      JsonNode structured = tool.output().conform(result.structured());
      out.set("structuredContent", structured);
    }
    out.put("isError", result.error());
    return out;
  }
}
