package dev.prooflane.mcp.internal;

import dev.prooflane.mcp.protocol.McpServer;
import dev.prooflane.mcp.protocol.McpSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The MCP sessions of the HTTP endpoint, by {@code Mcp-Session-Id}: at most {@link #MAX}; one idle
 * for {@link #IDLE} is forgotten (its client gets 404 and initializes again), and when all are in
 * use the one idle longest makes room. Thread-safe.
 */
final class HttpSessions {
  static final int MAX = 512;
  static final Duration IDLE = Duration.ofMinutes(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final McpServer server;
  private final LongSupplier clock;
  private final Map<String, Entry> sessions = new HashMap<>();

  HttpSessions(McpServer server, LongSupplier nanoClock) {
    this.server = server;
    this.clock = nanoClock;
  }

  private static final class Entry {
    final McpSession session;
    long lastUsed;

    Entry(McpSession session, long lastUsed) {
      this.session = session;
      this.lastUsed = lastUsed;
    }
  }

  /**
   * A new session and its id.
   *
   * @param id the session's id, to send back as {@code Mcp-Session-Id}
   * @param session the session
   */
  record Created(String id, McpSession session) {}

  /** A new session, or null when {@link #MAX} sessions all have calls under way. */
  synchronized Created create() {
    long now = clock.getAsLong();
    sessions.values().removeIf(e -> idle(e, now) && now - e.lastUsed > IDLE.toNanos());
    if (sessions.size() >= MAX) {
      sessions.entrySet().stream()
          .filter(e -> idle(e.getValue(), now))
          .min((a, b) -> Long.compare(a.getValue().lastUsed, b.getValue().lastUsed))
          .map(Map.Entry::getKey)
          .ifPresent(sessions::remove);
      if (sessions.size() >= MAX) {
        return null;
      }
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    McpSession session = server.session();
    sessions.put(id, new Entry(session, now));
    return new Created(id, session);
  }

  /** The session {@code id}, or null when there is none (never was, expired, or ended). */
  synchronized McpSession get(String id) {
    Entry entry = sessions.get(id);
    if (entry == null) {
      return null;
    }
    long now = clock.getAsLong();
    if (idle(entry, now) && now - entry.lastUsed > IDLE.toNanos()) {
      sessions.remove(id);
      return null;
    }
    entry.lastUsed = now;
    return entry.session;
  }

  /** Ends the session {@code id}; false when there was none. */
  synchronized boolean remove(String id) {
    return sessions.remove(id) != null;
  }

  synchronized int size() {
    return sessions.size();
  }

  private static boolean idle(Entry entry, long now) {
    return entry.session.callsUnderWay() == 0;
  }
}
