package dev.prooflane.server.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A token as the store keeps it and the API lists it: never the secret, only its SHA-256.
 *
 * @param id a short public id, used to revoke it
 * @param name what the token is for
 * @param scopes what it may do
 * @param createdAt when it was made
 * @param expiresAt when it stops authenticating, or null for never
 * @param revoked whether it was revoked (a revoked token authenticates nothing)
 * @param hash the SHA-256 of the secret; not serialized
 */
public record Token(
    String id,
    String name,
    Set<Scope> scopes,
    Instant createdAt,
    Instant expiresAt,
    boolean revoked,
    @JsonIgnore byte[] hash) {
  public Token {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    scopes = Set.copyOf(scopes);
    requireNonNull(createdAt, "createdAt");
    requireNonNull(hash, "hash");
  }

  /** Whether it authenticates at {@code now}: not revoked, not expired. */
  public boolean live(Instant now) {
    return !revoked && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** The scopes as text, sorted, as the API shows them. */
  public List<String> scopeNames() {
    return scopes.stream().map(Scope::text).sorted().toList();
  }
}
