package dev.prooflane.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** An MCP client session that records each call and answer, as a transcript for the docs. */
final class Session {
  private final McpSyncClient client;
  private final StringBuilder transcript = new StringBuilder();

  Session(McpSyncClient client) {
    this.client = client;
  }

  /**
   * One tool call's answer.
   *
   * @param text the text content
   * @param json the structured content (missing for an error result, which carries none)
   * @param error whether it was an error result
   */
  record Answer(String text, JsonNode json, boolean error) {}

  Answer call(String tool, String argumentsJson) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> args = Json.mapper().readValue(argumentsJson, Map.class);
    McpSchema.CallToolResult result =
        client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    String text = ((McpSchema.TextContent) result.content().get(0)).text();
    if (result.structuredContent() != null) {
      OutputSchemas.assertFits(tool, Json.mapper().valueToTree(result.structuredContent()));
    }
    Answer answer =
        new Answer(
            text,
            result.structuredContent() == null
                ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : Json.mapper().valueToTree(result.structuredContent()),
            Boolean.TRUE.equals(result.isError()));
    transcript
        .append("→ ")
        .append(tool)
        .append(" ")
        .append(argumentsJson)
        .append("\n← ")
        .append(answer.error() ? "[isError] " : "")
        .append(text.replace("\n", "\n  "))
        .append("\n\n");
    return answer;
  }

  void note(String line) {
    transcript.append(line).append("\n\n");
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, transcript.toString());
  }
}
