package dev.prooflane.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.auth.ApiGuard;
import dev.prooflane.server.auth.Scope;
import dev.prooflane.server.auth.ServicesToken;
import dev.prooflane.server.auth.Token;
import dev.prooflane.server.auth.TokenStore;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The token endpoints: create (the only answer carrying a secret), list, revoke. A creation or
 * revocation is recorded in the audit log first (never the secret); when that record cannot be
 * written, the token is not created or revoked.
 */
final class TokenHandlers {
  private final TokenStore tokens;
  private final Governance governance;

  TokenHandlers(TokenStore tokens, Governance governance) {
    this.tokens = tokens;
    this.governance = governance;
  }

  void create(RoutingContext ctx) {
    JsonNode body = Handlers.body(ctx, "{}");
    if (!body.path("name").isTextual()) {
      throw new IllegalArgumentException(
          "name: missing (expected: {\"name\": \"ci\", \"scopes\": [\"sandbox:read\"]})");
    }
    if (body.get("name").asText().equals(ServicesToken.NAME)) {
      throw new IllegalArgumentException(
          "name: '"
              + ServicesToken.NAME
              + "' (expected: another name; the daemon makes the token of that name for the"
              + " services it starts, anew at each start)");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    body.path("scopes").forEach(s -> scopes.add(Scope.of(s.asText())));
    java.util.Optional<java.time.Duration> lifetime = java.util.Optional.empty();
    if (body.hasNonNull("expiresIn")) {
      try {
        lifetime =
            java.util.Optional.of(
                dev.prooflane.model.Durations.parse(body.get("expiresIn").asText()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("expiresIn: " + e.getMessage(), e);
      }
    }
    TokenStore.Issued issued = tokens.issue(body.get("name").asText(), scopes, lifetime);
    governance.change(
        "token.created",
        audited(issued.token(), ctx),
        "token '" + issued.token().name() + "' was not created",
        () -> {
          tokens.store(issued);
          return issued;
        });
    Map<String, Object> view = view(issued.token());
    view.put("token", issued.secret());
    Handlers.json(ctx, 201, view);
  }

  void list(RoutingContext ctx) {
    Handlers.json(
        ctx, 200, Map.of("tokens", tokens.list().stream().map(TokenHandlers::view).toList()));
  }

  void revoke(RoutingContext ctx) {
    Token token = tokens.get(ctx.pathParam("id"));
    Token revoked =
        governance.change(
            "token.revoked",
            audited(token, ctx),
            "token '" + token.name() + "' (" + token.id() + ") was not revoked",
            () -> tokens.revoke(token.id()));
    Handlers.json(ctx, 200, view(revoked));
  }

  /** {@code GET /whoami}: the token the request authenticated with (never its secret). */
  static void whoami(RoutingContext ctx) {
    Handlers.json(ctx, 200, view(ApiGuard.token(ctx)));
  }

  private static Map<String, Object> audited(Token token, RoutingContext ctx) {
    return Governance.token(token, ApiGuard.token(ctx).name());
  }

  private static Map<String, Object> view(Token token) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", token.id());
    view.put("name", token.name());
    view.put("scopes", token.scopeNames());
    view.put("createdAt", token.createdAt());
    view.put("expiresAt", token.expiresAt());
    view.put("revoked", token.revoked());
    view.put("live", token.live(java.time.Instant.now()));
    return view;
  }
}
