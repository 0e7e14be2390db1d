package dev.prooflane.mcp.internal;

import dev.prooflane.mcp.DaemonLocator;
import dev.prooflane.mcp.tools.Tool;
import dev.prooflane.mcp.tools.ToolResult;
import dev.prooflane.server.json.Json;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/**
 * Our tools as the SDK's tool specifications, for the session (stdio) and stateless (HTTP) servers.
 */
public final class SdkTools {
  private SdkTools() {}

  /** For a session server (stdio). */
  public static List<McpServerFeatures.SyncToolSpecification> session(
      List<Tool> tools, DaemonLocator locator) {
    return tools.stream()
        .map(
            t ->
                McpServerFeatures.SyncToolSpecification.builder()
                    .tool(describe(t))
                    .callHandler(
                        (exchange, request) -> result(t.call(request.arguments(), locator)))
                    .build())
        .toList();
  }

  /** Where the HTTP transport puts the caller's bearer token for the tools to pass on. */
  public static final String TOKEN = "prooflane.token";

  /**
   * For the stateless Streamable HTTP server: each call reaches the REST API with the caller's own
   * token, so the API checks the tool's scope against the caller, not against the daemon.
   */
  public static List<McpStatelessServerFeatures.SyncToolSpecification> stateless(
      List<Tool> tools, DaemonLocator locator) {
    return tools.stream()
        .map(
            t ->
                McpStatelessServerFeatures.SyncToolSpecification.builder()
                    .tool(describe(t))
                    .callHandler(
                        (context, request) ->
                            result(
                                t.call(
                                    request.arguments(),
                                    locator.withToken((String) context.get(TOKEN)))))
                    .build())
        .toList();
  }

  static McpSchema.Tool describe(Tool t) {
    return McpSchema.Tool.builder(t.name(), t.input().toMap())
        .title(t.title())
        .description(t.description())
        .outputSchema(t.output().toMap())
        .annotations(annotations(t))
        .build();
  }

  private static McpSchema.ToolAnnotations annotations(Tool t) {
    boolean read = t.effect() == Tool.Effect.READ;
    boolean destructive = t.effect() == Tool.Effect.DESTRUCTIVE;
    return McpSchema.ToolAnnotations.builder()
        .title(t.title())
        .readOnlyHint(read)
        .destructiveHint(destructive)
        .idempotentHint(read || destructive)
        .openWorldHint(false)
        .build();
  }

  static McpSchema.CallToolResult result(ToolResult r) {
    return McpSchema.CallToolResult.builder()
        .addTextContent(r.text())
        .structuredContent(Json.mapper().convertValue(r.structured(), Map.class))
        .isError(r.error())
        .build();
  }
}
