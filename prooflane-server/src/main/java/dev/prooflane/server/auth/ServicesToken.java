package dev.prooflane.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The token the daemon gives every service process it starts ({@code PROOFLANE_SERVICE_TOKEN}), so
 * that libraries in them (the Kafka interceptor) can follow the sandbox routes and report what they
 * consumed, and nothing more: scopes {@code sandbox:read} and {@code hops:write}. Made anew at each
 * start of the daemon; the name is the daemon's own.
 */
public final class ServicesToken {
  /** The token's name. */
  public static final String NAME = "services";

  /** What it may do. */
  public static final Set<Scope> SCOPES = EnumSet.of(Scope.SANDBOX_READ, Scope.HOPS_WRITE);

  private ServicesToken() {}

  /**
   * Revokes every live token named {@value #NAME} in {@code store}, then makes a new one and
   * returns its secret. {@code record} hears each change before it is made ({@code token.revoked},
   * {@code token.created}) and stops it by throwing.
   */
  public static String renew(TokenStore store, BiConsumer<String, Token> record) {
    requireNonNull(store, "store");
    requireNonNull(record, "record");
    Instant now = Instant.now();
    for (Token token : store.list()) {
      if (token.name().equals(NAME) && token.live(now)) {
        record.accept("token.revoked", token);
        store.revoke(token.id());
      }
    }
    TokenStore.Issued issued = store.issue(NAME, SCOPES, Optional.empty());
    record.accept("token.created", issued.token());
    store.store(issued);
    return issued.secret();
  }
}
