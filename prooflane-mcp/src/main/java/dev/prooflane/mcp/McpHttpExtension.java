package dev.prooflane.mcp;

import dev.prooflane.mcp.internal.HttpTransport;
import dev.prooflane.mcp.internal.OriginRules;
import dev.prooflane.server.api.ApiExtension;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/**
 * The MCP tools over Streamable HTTP at {@code /mcp} on the daemon, with sessions ({@code
 * Mcp-Session-Id}). The tools call the daemon's own REST API over loopback with the caller's token,
 * as the stdio server does, so both transports share one implementation.
 */
public final class McpHttpExtension implements ApiExtension {
  /** The endpoint path. */
  public static final String PATH = "/mcp";

  @Override
  public void installBeforeGuard(Router router, String bindHost) {
    router.route(PATH).handler(new OriginRules(bindHost)::handle);
  }

  @Override
  public void install(Router router, Supplier<String> apiUrl) {
    HttpTransport transport =
        new HttpTransport(ProoflaneMcp.server(), DaemonLocator.apiUrl(apiUrl));
    router.post(PATH).handler(transport::post);
    router.delete(PATH).handler(transport::delete);
    router.route(PATH).handler(transport::otherMethod);
  }
}
