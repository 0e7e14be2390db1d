package dev.prooflane.server.auth;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.StateFolder;
import dev.prooflane.local.store.StateWriteException;
import dev.prooflane.model.DnsLabel;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.ProoflaneException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The daemon's API tokens in {@code <stateDir>/tokens.db} (SQLite): only the SHA-256 of each secret
 * is stored. The daemon is the only writer, so the rows are also kept in memory and every request
 * is checked without a query.
 */
public final class TokenStore implements AutoCloseable {
  /** What every secret starts with, so that scanners and people recognise one. */
  public static final String PREFIX = "pl_";

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path path;
  private final Connection connection;
  private volatile List<Token> tokens;

  private TokenStore(Path path, Connection connection) {
    this.path = path;
    this.connection = connection;
    this.tokens = load();
  }

  /** Opens (or creates) the store of the state folder {@code state}. */
  public static TokenStore open(StateFolder state) {
    Path path = state.tokens().toAbsolutePath();
    try {
      Files.createDirectories(state.root());
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + path);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS tokens (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
                + " scopes TEXT NOT NULL, hash BLOB NOT NULL UNIQUE, created_at TEXT NOT NULL,"
                + " revoked INTEGER NOT NULL DEFAULT 0)");
        boolean hasExpiry = false;
        try (ResultSet columns = s.executeQuery("PRAGMA table_info(tokens)")) {
          while (columns.next()) {
            hasExpiry |= "expires_at".equals(columns.getString("name"));
          }
        }
        if (!hasExpiry) {
          // stores made before tokens could expire
          s.execute("ALTER TABLE tokens ADD COLUMN expires_at TEXT");
        }
      }
      return new TokenStore(path, connection);
    } catch (java.io.IOException | SQLException e) {
      throw new ProoflaneException(
          "cannot open the token store " + path + ": " + e.getMessage(), e);
    }
  }

  /** A new token that never expires; its secret is returned here and never again. */
  public Issued create(String name, Set<Scope> scopes) {
    return create(name, scopes, Optional.empty());
  }

  /**
   * A new token that stops authenticating after {@code lifetime} (empty: never); its secret is
   * returned here and never again.
   */
  public Issued create(String name, Set<Scope> scopes, Optional<java.time.Duration> lifetime) {
    Issued issued = issue(name, scopes, lifetime);
    store(issued);
    return issued;
  }

  /**
   * A new token, not stored yet ({@link #store} does): so that its creation can be recorded first.
   *
   * @throws IllegalArgumentException for a name that is not a DNS label (the rule of sandbox names:
   *     the name becomes the owner label of the sandboxes the token creates), no scopes or a
   *     lifetime that is not positive
   */
  public Issued issue(String name, Set<Scope> scopes, Optional<java.time.Duration> lifetime) {
    DnsLabel.require("name", requireNonNull(name, "name"));
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("scopes: [] (expected: at least one scope)");
    }
    if (lifetime.isPresent() && (lifetime.get().isZero() || lifetime.get().isNegative())) {
      throw new IllegalArgumentException(
          "expiresIn: " + lifetime.get() + " (expected: > 0, such as 30d)");
    }
    String secret = PREFIX + base64(32);
    Instant now = Instant.now();
    Token token =
        new Token(
            java.util.HexFormat.of().formatHex(random(5)),
            name,
            EnumSet.copyOf(scopes),
            now,
            lifetime.map(now::plus).orElse(null),
            false,
            sha256(secret));
    return new Issued(token, secret);
  }

  /**
   * Stores a token {@link #issue} made; from then on it authenticates.
   *
   * @throws StateWriteException when it cannot be written
   */
  public synchronized void store(Issued issued) {
    Token token = issued.token();
    update(
        "INSERT INTO tokens (id, name, scopes, hash, created_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        token.id(),
        token.name(),
        String.join(" ", token.scopeNames()),
        token.hash(),
        token.createdAt().toString(),
        token.expiresAt() == null ? null : token.expiresAt().toString());
  }

  /** Every token, revoked ones included, oldest first. */
  public List<Token> list() {
    return tokens;
  }

  /** The token {@code id}; a {@link NotFoundException} when there is none. */
  public Token get(String id) {
    return tokens.stream()
        .filter(t -> t.id().equals(id))
        .findFirst()
        .orElseThrow(
            () -> new NotFoundException("token", id, "see the ids with: prooflane token list"));
  }

  /**
   * Revokes the token {@code id}; a {@link NotFoundException} when there is none.
   *
   * @throws StateWriteException when it cannot be written (the token stays live)
   */
  public synchronized Token revoke(String id) {
    Token token = get(id);
    update("UPDATE tokens SET revoked = 1 WHERE id = ?", id);
    return new Token(
        token.id(),
        token.name(),
        token.scopes(),
        token.createdAt(),
        token.expiresAt(),
        true,
        token.hash());
  }

  /**
   * The live token whose secret is {@code secret}. Compares the hash against every token in
   * constant time, so neither the answer nor its timing says how close a guess was.
   */
  public Optional<Token> authenticate(String secret) {
    return authenticate(secret, Instant.now());
  }

  /** As {@link #authenticate(String)}, at {@code now}: an expired token authenticates nothing. */
  Optional<Token> authenticate(String secret, Instant now) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Optional.empty();
    }
    byte[] hash = sha256(secret);
    Token found = null;
    for (Token t : tokens) {
      if (MessageDigest.isEqual(t.hash(), hash) && t.live(now)) {
        found = t;
      }
    }
    return Optional.ofNullable(found);
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw StateWriteException.of(path, "write the token store", e);
    }
    tokens = load();
  }

  private List<Token> load() {
    List<Token> all = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT id, name, scopes, hash, created_at, expires_at, revoked FROM tokens"
                    + " ORDER BY rowid")) {
      while (rows.next()) {
        Set<Scope> scopes =
            Arrays.stream(rows.getString("scopes").split(" "))
                .map(Scope::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
        all.add(
            new Token(
                rows.getString("id"),
                rows.getString("name"),
                scopes,
                Instant.parse(rows.getString("created_at")),
                rows.getString("expires_at") == null
                    ? null
                    : Instant.parse(rows.getString("expires_at")),
                rows.getInt("revoked") != 0,
                rows.getBytes("hash")));
      }
    } catch (SQLException e) {
      throw new ProoflaneException(
          "cannot read the token store " + path + ": " + e.getMessage(), e);
    }
    return List.copyOf(all);
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new ProoflaneException("this JVM has no SHA-256", e);
    }
  }

  private static String base64(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random(bytes));
  }

  private static byte[] random(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return random;
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // the daemon is stopping; SQLite recovers an unclosed file on the next open
    }
  }

  /**
   * A token just created, with its secret.
   *
   * @param token the stored token
   * @param secret the bearer secret, shown once
   */
  public record Issued(Token token, String secret) {}
}
