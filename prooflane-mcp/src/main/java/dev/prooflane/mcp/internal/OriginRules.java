package dev.prooflane.mcp.internal;

import dev.prooflane.mcp.protocol.JsonRpc;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.json.Json;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may reach the MCP endpoint, judged before the API's guard: a page served from this machine
 * (any loopback origin, such as an MCP inspector on another port) with CORS, its preflights
 * answered; any other origin is refused 403. A request without {@code Origin} must name the daemon
 * by a loopback {@code Host} (or the address it binds) and its port, so that a page whose DNS name
 * was rebound to 127.0.0.1 cannot reach it.
 */
public final class OriginRules {
  /** The request headers a page may send. */
  static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, Accept, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID";

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");
  private final String bindHost;

  /** Rules for an endpoint on a server bound to {@code bindHost}. */
  public OriginRules(String bindHost) {
    this.bindHost = bindHost.toLowerCase(Locale.ROOT);
  }

  /** The first handler of the endpoint's requests. */
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    int port = ctx.request().localAddress().port();
    if (origin != null) {
      if (!local(hostOf(origin))) {
        refuse(
            ctx,
            "origin "
                + origin
                + " refused: the MCP endpoint answers pages served from this machine only"
                + " (http://localhost:PORT, http://127.0.0.1:PORT)");
        return;
      }
      ctx.response()
          .putHeader("Access-Control-Allow-Origin", origin)
          .putHeader("Vary", "Origin")
          .putHeader("Access-Control-Expose-Headers", "Mcp-Session-Id, WWW-Authenticate");
      ApiGuard.originChecked(ctx);
      if (ctx.request().method() == HttpMethod.OPTIONS) {
        ctx.response()
            .setStatusCode(204)
            .putHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
            .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
            .putHeader("Access-Control-Max-Age", "600")
            .end();
        return;
      }
    } else {
      HostAndPort host = ctx.request().authority();
      if (host == null || !local(host.host().toLowerCase(Locale.ROOT)) || host.port() != port) {
        refuse(
            ctx,
            "Host "
                + (host == null
                    ? "(none)"
                    : host.host() + (host.port() < 0 ? "" : ":" + host.port()))
                + " refused: call the MCP endpoint as http://127.0.0.1:"
                + port
                + "/mcp or http://localhost:"
                + port
                + "/mcp (other names are refused against DNS rebinding)");
        return;
      }
      if (ctx.request().method() == HttpMethod.OPTIONS) {
        ctx.response().setStatusCode(204).putHeader("Allow", "GET, POST, DELETE, OPTIONS").end();
        return;
      }
    }
    ctx.next();
  }

  private boolean local(String host) {
    return host != null
        && (LOOPBACK.contains(host)
            || LOOPBACK_V4.matcher(host).matches()
            || (!host.isEmpty() && host.equals(bindHost) && !wildcard(bindHost)));
  }

  private static boolean wildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  private static String hostOf(String origin) {
    try {
      URI uri = URI.create(origin);
      String scheme = uri.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        return null;
      }
      return uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void refuse(RoutingContext ctx, String why) {
    ctx.response()
        .setStatusCode(403)
        .putHeader("Content-Type", "application/json")
        .end(Json.write(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, why)));
  }
}
