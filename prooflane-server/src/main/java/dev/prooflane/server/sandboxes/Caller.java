package dev.prooflane.server.sandboxes;

import static java.util.Objects.requireNonNull;

import dev.prooflane.server.auth.Scope;
import dev.prooflane.server.auth.Token;

/**
 * Who asks for a sandbox change.
 *
 * @param name a token's name: the owner of the sandboxes it creates
 * @param admin whether the token holds {@code policy:admin}, which may delete any sandbox
 */
public record Caller(String name, boolean admin) {
  public Caller {
    requireNonNull(name, "name");
  }

  /** The caller that {@code token} authenticates. */
  public static Caller of(Token token) {
    return new Caller(token.name(), Scope.POLICY_ADMIN.grantedBy(token.scopes()));
  }
}
