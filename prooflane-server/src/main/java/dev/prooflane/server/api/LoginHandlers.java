package dev.prooflane.server.api;

import dev.prooflane.local.store.StateWriteException;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.auth.BrowserSessions;
import dev.prooflane.server.auth.Token;
import dev.prooflane.server.auth.TokenStore;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's login: a token holder asks for a one-time link ({@code POST /login-links}, what
 * {@code prooflane ui} prints); the browser that opens it gets a session cookie and is sent on to
 * the dashboard, so the token itself never appears in a URL a browser keeps.
 */
final class LoginHandlers {
  /** Where the dashboard is; the login link sends the browser there. */
  static final String UI = "/ui/";

  /** The page that redeems a login code. */
  static final String LOGIN = "/ui/login";

  /** Where the dashboard ends its session. */
  static final String LOGOUT = "/ui/logout";

  private final BrowserSessions sessions;
  private final Governance governance;

  LoginHandlers(TokenStore tokens, Governance governance) {
    this.sessions = new BrowserSessions(tokens);
    this.governance = governance;
  }

  BrowserSessions sessions() {
    return sessions;
  }

  /** {@code POST /login-links}: 201 with a one-time login URL for the caller's token. */
  void link(RoutingContext ctx) {
    BrowserSessions.Code code = sessions.link(ApiGuard.token(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", "http://" + ctx.request().authority() + LOGIN + "?code=" + code.code());
    body.put("expiresAt", code.expiresAt());
    Handlers.json(ctx, 201, body);
  }

  /**
   * {@code GET /ui/login?code=...}: spends the code, sets the session cookie and sends the browser
   * to the dashboard (303); a used or expired code gets a page saying how to get a new one.
   */
  void login(RoutingContext ctx) {
    ctx.response()
        .putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer");
    Optional<String> session = sessions.redeem(ctx.request().getParam("code"));
    if (session.isEmpty()) {
      ctx.response()
          .setStatusCode(401)
          .putHeader("Content-Type", "text/html; charset=utf-8")
          .end(
              "<!doctype html><title>Prooflane: login link not valid</title><h1>This login link"
                  + " is not valid</h1><p>A login link works once, within 2 minutes, while its"
                  + " token is live. Get a new one with <code>prooflane ui</code>.</p>");
      return;
    }
    Optional<Token> token = sessions.authenticate(session.get());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("id", token.map(Token::id).orElse(""));
    details.put("name", token.map(Token::name).orElse(""));
    try {
      governance.record("session.opened", details);
    } catch (StateWriteException e) {
      sessions.end(session.get());
      throw e.because("no dashboard session was opened");
    }
    ctx.response()
        .addCookie(
            Cookie.cookie(BrowserSessions.COOKIE, session.get())
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT))
        .setStatusCode(303)
        .putHeader("Location", UI)
        .end();
  }

  /** {@code POST /ui/logout}: ends the session of the cookie, if any, and clears the cookie. */
  void logout(RoutingContext ctx) {
    sessions.end(ApiGuard.sessionCookie(ctx));
    ctx.response()
        .addCookie(
            Cookie.cookie(BrowserSessions.COOKIE, "")
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(0))
        .setStatusCode(204)
        .end();
  }
}
