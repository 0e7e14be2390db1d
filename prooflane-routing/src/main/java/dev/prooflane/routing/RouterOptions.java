package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.KeyNames;
import java.time.Duration;

/**
 * How a {@link Router} listens, reads routing keys and talks to upstreams.
 *
 * @param host address every listener binds to
 * @param keyNames where requests carry their routing key
 * @param hopLogCapacity how many hop records the router keeps (older ones are dropped)
 * @param connectTimeout how long to wait for an upstream connection before answering {@code 504}
 * @param idleTimeout how long an upstream may stay silent during an exchange before the router
 *     answers {@code 504} (or, once the response started, aborts it)
 */
public record RouterOptions(
    String host,
    KeyNames keyNames,
    int hopLogCapacity,
    Duration connectTimeout,
    Duration idleTimeout) {

  public RouterOptions {
    requireNonNull(host, "host");
    requireNonNull(keyNames, "keyNames");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(idleTimeout, "idleTimeout");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host: '' (expected: an address to bind, e.g. 127.0.0.1)");
    }
    if (hopLogCapacity < 1) {
      throw new IllegalArgumentException("hopLogCapacity: " + hopLogCapacity + " (expected: > 0)");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("idleTimeout", idleTimeout);
  }

  /** Loopback, the default key names, 10,000 hop records, 2 s to connect, 60 s idle. */
  public static RouterOptions defaults() {
    return new RouterOptions(
        "127.0.0.1", KeyNames.DEFAULT, 10_000, Duration.ofSeconds(2), Duration.ofSeconds(60));
  }

  public RouterOptions withHost(String newHost) {
    return new RouterOptions(newHost, keyNames, hopLogCapacity, connectTimeout, idleTimeout);
  }

  public RouterOptions withKeyNames(KeyNames newKeyNames) {
    return new RouterOptions(host, newKeyNames, hopLogCapacity, connectTimeout, idleTimeout);
  }

  public RouterOptions withHopLogCapacity(int capacity) {
    return new RouterOptions(host, keyNames, capacity, connectTimeout, idleTimeout);
  }

  public RouterOptions withConnectTimeout(Duration timeout) {
    return new RouterOptions(host, keyNames, hopLogCapacity, timeout, idleTimeout);
  }

  public RouterOptions withIdleTimeout(Duration timeout) {
    return new RouterOptions(host, keyNames, hopLogCapacity, connectTimeout, timeout);
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isZero() || value.isNegative() || value.toMillis() < 1) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1 ms)");
    }
  }
}
