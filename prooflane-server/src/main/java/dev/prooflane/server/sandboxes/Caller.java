package dev.prooflane.server.sandboxes;

import static java.util.Objects.requireNonNull;

import dev.prooflane.server.auth.Scope;
import dev.prooflane.server.auth.Token;

/**
 * Who asks for a sandbox change.
 *
 * @param name a token's name: the owner of the sandboxes it creates
 * @param admin whether the token holds {@code policy:admin}, which may delete any sandbox
 * @param exec whether the token holds {@code sandbox:exec}, whose forks may run a command of their
 *     own
 */
public record Caller(String name, boolean admin, boolean exec) {
  public Caller {
    requireNonNull(name, "name");
  }

  /** A caller that holds {@code sandbox:exec} exactly when it holds {@code policy:admin}. */
  public Caller(String name, boolean admin) {
    this(name, admin, admin);
  }

  /** The caller that {@code token} authenticates. */
  public static Caller of(Token token) {
    return new Caller(
        token.name(),
        Scope.POLICY_ADMIN.grantedBy(token.scopes()),
        Scope.SANDBOX_EXEC.grantedBy(token.scopes()));
  }
}
