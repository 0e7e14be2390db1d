package dev.prooflane.server.client;

/**
 * Which hops {@code GET /hops} answers: those of a key, of a sandbox's key, or the latest.
 *
 * @param key the routing key to follow, or null
 * @param sandbox the sandbox whose key to follow (it wins over {@code key}), or null
 * @param limit at most this many, newest last (the daemon takes 1 to 10000)
 */
public record HopQuery(String key, String sandbox, int limit) {
  /** The latest {@code limit} hops of every key. */
  public static HopQuery latest(int limit) {
    return new HopQuery(null, null, limit);
  }

  /** The latest {@code limit} hops of requests carrying {@code key}. */
  public static HopQuery ofKey(String key, int limit) {
    return new HopQuery(key, null, limit);
  }

  /** The latest {@code limit} hops of requests carrying the key of {@code sandbox}. */
  public static HopQuery ofSandbox(String sandbox, int limit) {
    return new HopQuery(null, sandbox, limit);
  }
}
