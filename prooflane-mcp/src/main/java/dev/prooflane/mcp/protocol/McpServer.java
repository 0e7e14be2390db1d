package dev.prooflane.mcp.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.tools.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tools-only MCP server, whatever carries its messages: its name, instructions and tools, and the
 * threads its tool calls run on. Each connection (stdio) or HTTP session is one {@link McpSession}.
 */
public final class McpServer {
  private final String name;
  private final String version;
  private final String instructions;
  private final Map<String, Tool> tools = new LinkedHashMap<>();
  private final ArrayNode described = JsonNodeFactory.instance.arrayNode();
  private final ExecutorService executor;
  private final ScheduledExecutorService ticker;

  /**
   * A server called {@code name} at {@code version}, telling clients {@code instructions} at
   * initialization, serving {@code tools}.
   */
  public McpServer(String name, String version, String instructions, List<Tool> tools) {
    this.name = requireNonNull(name, "name");
    this.version = requireNonNull(version, "version");
    this.instructions = requireNonNull(instructions, "instructions");
    for (Tool tool : tools) {
      this.tools.put(tool.name(), tool);
      described.add(ToolJson.describe(tool));
    }
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "prooflane-mcp-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "prooflane-mcp-ticker");
              t.setDaemon(true);
              return t;
            });
  }

  /** A new session: one stdio connection, or one HTTP session. */
  public McpSession session() {
    return new McpSession(this);
  }

  Tool tool(String name) {
    return tools.get(name);
  }

  List<String> toolNames() {
    return List.copyOf(tools.keySet());
  }

  /** {@code {"tools": [...]}}. */
  ObjectNode toolList() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("tools", described.deepCopy());
    return out;
  }

  /** The {@code initialize} result for {@code protocolVersion}. */
  ObjectNode initializeResult(String protocolVersion) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("protocolVersion", protocolVersion);
    ObjectNode capabilities = out.putObject("capabilities");
    capabilities.putObject("tools").put("listChanged", false);
    capabilities.putObject("logging");
    out.putObject("serverInfo").put("name", name).put("version", version);
    out.put("instructions", instructions);
    return out;
  }

  ExecutorService executor() {
    return executor;
  }

  /** The thread that tells clients a long call is still working. */
  ScheduledExecutorService ticker() {
    return ticker;
  }
}
