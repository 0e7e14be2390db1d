package dev.prooflane.mcp;

import dev.prooflane.mcp.internal.SdkTools;
import dev.prooflane.mcp.internal.VertxStatelessTransport;
import dev.prooflane.mcp.tools.ToolCatalog;
import dev.prooflane.server.api.ApiExtension;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * The MCP tools over Streamable HTTP at {@code /mcp} on the daemon (stateless: one JSON response
 * per POST, no session). The tools call the daemon's own REST API over loopback, as the stdio
 * server does, so both transports share one implementation.
 */
public final class McpHttpExtension implements ApiExtension {
  /** The endpoint path. */
  public static final String PATH = "/mcp";

  @Override
  public void install(Router router, Supplier<String> apiUrl) {
    McpJsonMapper mapper = ProoflaneMcp.mapper();
    VertxStatelessTransport transport = new VertxStatelessTransport(mapper);
    McpServer.sync(transport)
        .serverInfo(ProoflaneMcp.NAME, ProoflaneMcp.VERSION)
        .instructions(ProoflaneMcp.INSTRUCTIONS)
        .capabilities(ProoflaneMcp.capabilities())
        .jsonMapper(mapper)
        .validateToolInputs(false)
        .tools(SdkTools.stateless(ToolCatalog.all(), DaemonLocator.apiUrl(apiUrl)))
        .build();
    router.post(PATH).handler(transport::post);
    router.route(PATH).handler(transport::otherMethod);
  }
}
