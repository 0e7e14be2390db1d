package dev.prooflane.server.auth;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's way in without a token in a URL: a token holder asks for a one-time login code
 * ({@link #link}); a browser redeems it once ({@link #redeem}) for a session id kept in an HttpOnly
 * cookie; each request with that cookie then authenticates as the token that asked, with its
 * scopes, for as long as the token is live (revoking it ends its sessions). Kept in memory: a
 * restarted daemon asks for a new login.
 */
public final class BrowserSessions {
  /** The name of the session cookie. */
  public static final String COOKIE = "prooflane_session";

  /** How long a login code may wait to be used. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(2);

  /** How long a session lasts at most, however live its token. */
  static final Duration SESSION_LIFETIME = Duration.ofHours(12);

  /** The most codes and sessions kept; beyond, the oldest go first. */
  private static final int MAX_KEPT = 1_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final TokenStore tokens;
  private final Clock clock;
  private final Map<String, Grant> codes = new LinkedHashMap<>();
  private final Map<String, Grant> sessions = new LinkedHashMap<>();

  public BrowserSessions(TokenStore tokens) {
    this(tokens, Clock.systemUTC());
  }

  BrowserSessions(TokenStore tokens, Clock clock) {
    this.tokens = requireNonNull(tokens, "tokens");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A new one-time login code for {@code token}, valid for {@link #CODE_LIFETIME}. */
  public synchronized Code link(Token token) {
    Instant expires = clock.instant().plus(CODE_LIFETIME);
    String code = secret();
    put(codes, code, new Grant(token.id(), expires));
    return new Code(code, expires);
  }

  /**
   * Spends {@code code}: a new session id for the token that asked for it, or empty when the code
   * is unknown, used already, expired, or its token is no longer live.
   */
  public synchronized Optional<String> redeem(String code) {
    Grant grant = code == null ? null : codes.remove(code);
    if (grant == null || !clock.instant().isBefore(grant.expires()) || live(grant).isEmpty()) {
      return Optional.empty();
    }
    String session = secret();
    put(sessions, session, new Grant(grant.tokenId(), clock.instant().plus(SESSION_LIFETIME)));
    return Optional.of(session);
  }

  /** The live token of session {@code session}, or empty when it is unknown, ended or expired. */
  public synchronized Optional<Token> authenticate(String session) {
    Grant grant = session == null ? null : sessions.get(session);
    if (grant == null) {
      return Optional.empty();
    }
    Optional<Token> token =
        clock.instant().isBefore(grant.expires()) ? live(grant) : Optional.empty();
    if (token.isEmpty()) {
      sessions.remove(session);
    }
    return token;
  }

  /** Ends {@code session}; nothing when there is none. */
  public synchronized void end(String session) {
    if (session != null) {
      sessions.remove(session);
    }
  }

  private Optional<Token> live(Grant grant) {
    try {
      Token token = tokens.get(grant.tokenId());
      return token.live(clock.instant()) ? Optional.of(token) : Optional.empty();
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  private void put(Map<String, Grant> map, String key, Grant grant) {
    Instant now = clock.instant();
    map.values().removeIf(g -> !now.isBefore(g.expires()));
    Iterator<String> oldest = map.keySet().iterator();
    while (map.size() >= MAX_KEPT && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
    map.put(key, grant);
  }

  private static String secret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A login code and when it stops being accepted. */
  public record Code(String code, Instant expiresAt) {}

  private record Grant(String tokenId, Instant expires) {}
}
