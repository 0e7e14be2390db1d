package dev.prooflane.mcp.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.DaemonLocator;
import dev.prooflane.mcp.protocol.Incoming;
import dev.prooflane.mcp.protocol.JsonRpc;
import dev.prooflane.mcp.protocol.McpServer;
import dev.prooflane.mcp.protocol.McpSession;
import dev.prooflane.mcp.protocol.MessageReader;
import dev.prooflane.mcp.protocol.ProtocolVersions;
import dev.prooflane.server.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MCP Streamable HTTP on a Vert.x Web route: each POST carries one JSON-RPC message; a request is
 * answered with JSON, or with server-sent events when notifications about it come first; a
 * notification or a response gets 202. {@code initialize} opens a session whose id ({@code
 * Mcp-Session-Id}) every later POST carries, so that a {@code notifications/cancelled} reaches the
 * call it names; DELETE ends a session. There is no server-initiated stream: GET answers 405.
 */
public final class HttpTransport {
  private final McpServer server;
  private final DaemonLocator daemon;
  private final HttpSessions sessions;

  /** Serves {@code server}'s tools, which reach the daemon through {@code daemon}. */
  public HttpTransport(McpServer server, DaemonLocator daemon) {
    this.server = server;
    this.daemon = daemon;
    this.sessions = new HttpSessions(server, System::nanoTime);
  }

  /** Handles {@code POST /mcp}. */
  public void post(RoutingContext ctx) {
    String version = ctx.request().getHeader("MCP-Protocol-Version");
    if (version != null && !ProtocolVersions.supported(version)) {
      error(
          ctx,
          400,
          "invalid request: MCP-Protocol-Version: "
              + version
              + " (expected: one of "
              + String.join(", ", ProtocolVersions.SUPPORTED)
              + ")");
      return;
    }
    String accept = ctx.request().getHeader("Accept");
    boolean json = accepts(accept, "application/json");
    boolean stream = accepts(accept, "text/event-stream");
    if (!json && !stream) {
      error(
          ctx,
          406,
          "invalid request: Accept: "
              + accept
              + " (expected: application/json, text/event-stream)");
      return;
    }
    String body = ctx.body() == null ? null : ctx.body().asString();
    Incoming message = MessageReader.read(body == null ? "" : body, "POST body");
    if (message instanceof Incoming.Invalid invalid) {
      reply(ctx, 400, JsonRpc.error(invalid.id(), invalid.code(), invalid.message()));
      return;
    }
    DaemonLocator locator = daemon.withToken(bearer(ctx));
    if (message instanceof Incoming.Request request && "initialize".equals(request.method())) {
      initialize(ctx, request, locator);
      return;
    }
    String id = ctx.request().getHeader("Mcp-Session-Id");
    McpSession session;
    if (id != null) {
      session = sessions.get(id);
      if (session == null) {
        error(
            ctx,
            404,
            "invalid request: no session "
                + id
                + " (it ended, or was idle for more than "
                + HttpSessions.IDLE.toMinutes()
                + " min): send initialize again");
        return;
      }
    } else if (message instanceof Incoming.Request request && "ping".equals(request.method())) {
      session = server.session();
    } else {
      error(
          ctx,
          400,
          "invalid request: no Mcp-Session-Id header: send initialize first; its answer carries"
              + " the Mcp-Session-Id header to send with every later request");
      return;
    }
    if (message instanceof Incoming.Request request) {
      HttpExchange exchange =
          new HttpExchange(ctx.response(), ctx.vertx().getOrCreateContext(), stream);
      ctx.response()
          .closeHandler(
              v -> {
                if (!exchange.done()) {
                  session.cancel(request.id()); // the client went away: stop what it started
                }
              });
      session.handle(request, exchange, locator);
    } else {
      session.handle(message, m -> {}, locator);
      ctx.response().setStatusCode(202).end();
    }
  }

  private void initialize(RoutingContext ctx, Incoming.Request request, DaemonLocator locator) {
    HttpSessions.Created created = sessions.create();
    if (created == null) {
      error(
          ctx,
          503,
          "too many MCP sessions with calls under way ("
              + HttpSessions.MAX
              + "); retry when one has ended");
      return;
    }
    List<ObjectNode> answers = new ArrayList<>();
    created.session().handle(request, answers::add, locator);
    if (created.session().protocolVersion() != null) {
      ctx.response().putHeader("Mcp-Session-Id", created.id());
    } else {
      sessions.remove(created.id());
    }
    reply(ctx, 200, answers.get(0));
  }

  /** Handles {@code DELETE /mcp}: ends the session named by {@code Mcp-Session-Id}. */
  public void delete(RoutingContext ctx) {
    String id = ctx.request().getHeader("Mcp-Session-Id");
    if (id == null) {
      error(ctx, 400, "invalid request: no Mcp-Session-Id header: name the session to end");
    } else if (!sessions.remove(id)) {
      error(ctx, 404, "invalid request: no session " + id + " (it ended, or expired)");
    } else {
      ctx.response().setStatusCode(204).end();
    }
  }

  /** Handles other methods on {@code /mcp}: no server-initiated stream. */
  public void otherMethod(RoutingContext ctx) {
    ctx.response()
        .putHeader("Allow", "POST, DELETE")
        .setStatusCode(405)
        .putHeader("Content-Type", "application/json")
        .end(
            Json.write(
                JsonRpc.error(
                    null,
                    JsonRpc.INVALID_REQUEST,
                    "invalid request: "
                        + ctx.request().method()
                        + " /mcp: this endpoint opens no stream of its own; POST one JSON-RPC"
                        + " message per request (DELETE ends a session)")));
  }

  private static boolean accepts(String accept, String type) {
    if (accept == null || accept.isBlank()) {
      return "application/json".equals(type);
    }
    String a = accept.toLowerCase(Locale.ROOT);
    return a.contains(type) || (a.contains("*/*") && "application/json".equals(type));
  }

  /** The bearer token the daemon's guard already checked, for the tools to call REST with. */
  private static String bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  private static void error(RoutingContext ctx, int status, String message) {
    reply(ctx, status, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, message));
  }

  private static void reply(RoutingContext ctx, int status, ObjectNode body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Json.write(body));
  }
}
