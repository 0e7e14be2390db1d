package dev.prooflane.server.auth;

import static java.util.Objects.requireNonNull;

import dev.prooflane.server.json.ApiError;
import dev.prooflane.server.json.Json;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the daemon: every request but the open ones needs a live bearer token (401
 * otherwise), each route a scope (403), and a browser request from a foreign origin is refused
 * (403, no CORS headers) before anything else. Discovery documents under {@code /.well-known/}
 * (OAuth, OpenID) need no token: none exists, and their 404 tells an agent host to stop looking for
 * an OAuth server after the 401 of {@code /mcp}. The dashboard's session cookie stands for a token
 * when a request has no {@code Authorization} header (see {@link BrowserSessions}).
 */
public final class ApiGuard {
  private static final String TOKEN = "prooflane.token";
  private static final String ORIGIN_CHECKED = "prooflane.originChecked";
  private static final String WELL_KNOWN = "/.well-known/";
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  private final TokenStore tokens;
  private final BrowserSessions sessions;
  private final String bindHost;
  private final Set<String> open;

  /**
   * A guard checking {@code tokens}, and the dashboard's {@code sessions} for requests with its
   * cookie and no bearer token; {@code bindHost} is the address the API binds (its own origin);
   * {@code open} lists the paths served without a token.
   */
  public ApiGuard(TokenStore tokens, BrowserSessions sessions, String bindHost, Set<String> open) {
    this.tokens = requireNonNull(tokens, "tokens");
    this.sessions = requireNonNull(sessions, "sessions");
    this.bindHost = requireNonNull(bindHost, "bindHost");
    this.open = Set.copyOf(open);
  }

  /** The value of the session cookie of {@code ctx}, or null. */
  public static String sessionCookie(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(BrowserSessions.COOKIE);
    return cookie == null ? null : cookie.getValue();
  }

  /**
   * The token that authenticated {@code ctx}: who asks, and so who owns what the request creates.
   *
   * @throws IllegalStateException on an open path, which has no caller
   */
  public static Token token(RoutingContext ctx) {
    Token token = ctx.get(TOKEN);
    if (token == null) {
      throw new IllegalStateException("no token on " + ctx.request().path());
    }
    return token;
  }

  /**
   * Marks {@code ctx} as a request whose {@code Origin} a handler installed before the guard has
   * judged by its own rules (the MCP endpoint admits every loopback origin, for local inspectors);
   * the guard then checks its token only.
   */
  public static void originChecked(RoutingContext ctx) {
    ctx.put(ORIGIN_CHECKED, Boolean.TRUE);
  }

  /** The first handler of every request: origin check, then authentication. */
  public void authenticate(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null
        && ctx.get(ORIGIN_CHECKED) == null
        && !ownOrigin(origin, ctx.request().localAddress().port())) {
      // a web page must not drive a local daemon (CSRF, DNS rebinding): no CORS, no answer
      refuse(ctx, 403, "forbidden", "origin " + origin + " is not the daemon's own origin");
      return;
    }
    if (open.contains(ctx.request().path()) || ctx.request().path().contains(WELL_KNOWN)) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String session = sessionCookie(ctx);
    if (header == null && session != null) {
      authenticateSession(ctx, session, origin);
      return;
    }
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      unauthorized(
          ctx,
          "missing bearer token: send 'Authorization: Bearer <token>' (the admin token is in"
              + " admin.token in the daemon's state folder; more with: prooflane token create)");
      return;
    }
    Optional<Token> token = tokens.authenticate(header.substring(7).strip());
    if (token.isEmpty()) {
      unauthorized(ctx, "invalid, revoked or expired token (see: prooflane token list)");
      return;
    }
    ctx.put(TOKEN, token.get());
    ctx.next();
  }

  /**
   * A request of the dashboard: its session cookie stands for the token that logged it in. A change
   * (any method but GET and HEAD) must say where it comes from: browsers send their page's {@code
   * Origin} with every such request, so one without it is not the dashboard's.
   */
  private void authenticateSession(RoutingContext ctx, String session, String origin) {
    Optional<Token> token = sessions.authenticate(session);
    if (token.isEmpty()) {
      unauthorized(
          ctx,
          "the dashboard's session ended (its token was revoked or expired, the daemon restarted,"
              + " or 12 hours passed): open a new one with: prooflane ui");
      return;
    }
    HttpMethod method = ctx.request().method();
    if (origin == null && method != HttpMethod.GET && method != HttpMethod.HEAD) {
      refuse(
          ctx,
          403,
          "forbidden",
          method
              + " "
              + ctx.request().path()
              + " with the dashboard's session cookie needs the page's Origin header (send a"
              + " bearer token instead from outside a browser)");
      return;
    }
    ctx.put(TOKEN, token.get());
    ctx.next();
  }

  /** A route handler that lets the request on only when its token grants {@code scope}. */
  public Handler<RoutingContext> require(Scope scope) {
    return ctx -> {
      Token token = ctx.get(TOKEN);
      if (token == null || !scope.grantedBy(token.scopes())) {
        refuse(
            ctx,
            403,
            "forbidden",
            ctx.request().method()
                + " "
                + ctx.request().path()
                + " needs scope "
                + scope.text()
                + (token == null
                    ? ""
                    : " (token '" + token.name() + "' has " + token.scopeNames() + ")"));
        return;
      }
      ctx.next();
    };
  }

  private boolean ownOrigin(String origin, int port) {
    try {
      URI uri = URI.create(origin);
      String host = uri.getHost();
      return "http".equals(uri.getScheme())
          && host != null
          && (LOOPBACK.contains(host) || host.equals(bindHost))
          && uri.getPort() == port;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void unauthorized(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"prooflane\"");
    refuse(ctx, 401, "unauthorized", message);
  }

  private static void refuse(RoutingContext ctx, int status, String error, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Json.write(new ApiError(error, message)));
  }
}
