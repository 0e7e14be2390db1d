package dev.prooflane.mcp;

import static java.util.Objects.requireNonNull;

import dev.prooflane.mcp.internal.HeldInput;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The MCP server on stdio ({@code prooflane mcp}): newline-delimited JSON-RPC on the given streams,
 * nothing else on the output. Returns once the client's input has ended and every request read has
 * been answered, so a client that closes stdin right after its last request still gets every reply.
 */
public final class McpStdio {
  private McpStdio() {}

  /** Serves the tools on {@code in}/{@code out} until the input ends and all is answered. */
  public static void serve(DaemonLocator locator, InputStream in, OutputStream out)
      throws InterruptedException {
    requireNonNull(locator, "locator");
    HeldInput.Pair io = HeldInput.wrap(in, out);
    McpJsonMapper mapper = ProoflaneMcp.mapper();
    McpSyncServer server =
        McpServer.sync(new StdioServerTransportProvider(mapper, io.input(), io.output()))
            .serverInfo(ProoflaneMcp.NAME, ProoflaneMcp.VERSION)
            .instructions(ProoflaneMcp.INSTRUCTIONS)
            .capabilities(ProoflaneMcp.capabilities())
            .jsonMapper(mapper)
            .validateToolInputs(false)
            .tools(ProoflaneMcp.sessionTools(locator))
            .build();
    try {
      io.input().awaitDrained();
    } finally {
      server.closeGracefully();
    }
  }
}
