package dev.prooflane.mcp.internal;

import dev.prooflane.server.json.Json;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * MCP Streamable HTTP, stateless, on a Vert.x Web route: each POST carries one JSON-RPC message; a
 * request is answered with one JSON response, a notification or response with 202. There is no
 * session and no server-to-client stream, so GET and DELETE answer 405 (as the spec allows). The
 * SDK's servlet transports do the same on Jakarta Servlet; the daemon runs Vert.x.
 */
public final class VertxStatelessTransport implements McpStatelessServerTransport {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  private final McpJsonMapper mapper;
  private volatile McpStatelessServerHandler handler;
  private volatile boolean closing;

  public VertxStatelessTransport(McpJsonMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public void setMcpHandler(McpStatelessServerHandler handler) {
    this.handler = handler;
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> closing = true);
  }

  /** Handles {@code POST /mcp}. */
  public void post(RoutingContext ctx) {
    if (closing || handler == null) {
      error(ctx, 503, null, McpSchema.ErrorCodes.INTERNAL_ERROR, "the daemon is shutting down");
      return;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !loopback(origin)) {
      // DNS rebinding guard: a web page must not drive a local daemon
      error(ctx, 403, null, McpSchema.ErrorCodes.INVALID_REQUEST, "origin " + origin + " refused");
      return;
    }
    String version = ctx.request().getHeader("MCP-Protocol-Version");
    if (version != null && !protocolVersions().contains(version)) {
      error(
          ctx,
          400,
          null,
          McpSchema.ErrorCodes.INVALID_REQUEST,
          "unsupported MCP-Protocol-Version "
              + version
              + " (supported: "
              + String.join(", ", protocolVersions())
              + ")");
      return;
    }
    String body = ctx.body() == null ? null : ctx.body().asString();
    McpSchema.JSONRPCMessage message;
    try {
      message = McpSchema.deserializeJsonRpcMessage(mapper, body == null ? "" : body);
    } catch (IOException | IllegalArgumentException e) {
      error(
          ctx,
          400,
          null,
          McpSchema.ErrorCodes.PARSE_ERROR,
          "expected one JSON-RPC message as the body (" + e.getMessage() + ")");
      return;
    }
    Context context = ctx.vertx().getOrCreateContext();
    McpTransportContext transport = McpTransportContext.create(callerToken(ctx));
    if (message instanceof McpSchema.JSONRPCRequest request) {
      handler
          .handleRequest(transport, request)
          .contextWrite(c -> c.put(McpTransportContext.KEY, transport))
          .subscribe(
              response -> context.runOnContext(v -> json(ctx, 200, response)),
              failure ->
                  context.runOnContext(
                      v ->
                          error(
                              ctx,
                              500,
                              request.id(),
                              McpSchema.ErrorCodes.INTERNAL_ERROR,
                              String.valueOf(failure.getMessage()))));
    } else if (message instanceof McpSchema.JSONRPCNotification notification) {
      handler
          .handleNotification(transport, notification)
          .contextWrite(c -> c.put(McpTransportContext.KEY, transport))
          .subscribe(
              null,
              failure ->
                  context.runOnContext(
                      v ->
                          error(
                              ctx,
                              500,
                              null,
                              McpSchema.ErrorCodes.INTERNAL_ERROR,
                              String.valueOf(failure.getMessage()))),
              () -> context.runOnContext(v -> ctx.response().setStatusCode(202).end()));
    } else {
      ctx.response().setStatusCode(202).end();
    }
  }

  /** Handles other methods on {@code /mcp}: this endpoint keeps no stream and no session. */
  public void otherMethod(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(405)
        .putHeader("Allow", "POST")
        .putHeader("Content-Type", "application/json")
        .end(
            Json.write(
                Map.of(
                    "error",
                    "method_not_allowed",
                    "message",
                    "this MCP endpoint is stateless: POST one JSON-RPC message per request")));
  }

  private void json(RoutingContext ctx, int status, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader("Content-Type", "application/json")
          .end(mapper.writeValueAsString(body));
    } catch (IOException e) {
      ctx.fail(e);
    }
  }

  private void error(RoutingContext ctx, int status, Object id, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
    body.put("id", id);
    body.put("error", error);
    json(ctx, status, body);
  }

  /** The bearer token the daemon's guard already checked, for the tools to call REST with. */
  private static Map<String, Object> callerToken(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Map.of();
    }
    return Map.of(SdkTools.TOKEN, header.substring(7).strip());
  }

  private static boolean loopback(String origin) {
    try {
      String host = URI.create(origin).getHost();
      return host != null && LOOPBACK.contains(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
