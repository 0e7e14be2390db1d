package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.KeyNames;
import dev.prooflane.model.tls.PemIdentity;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link Router} listens, reads routing keys and talks to upstreams.
 *
 * @param host address every listener binds to
 * @param keyNames where requests carry their routing key
 * @param hopLogCapacity how many hop records the router keeps (older ones are dropped)
 * @param connectTimeout how long to wait for an upstream connection before answering {@code 504}
 * @param idleTimeout how long an upstream may stay silent during an exchange before the router
 *     answers {@code 504} (or, once the response started, aborts it)
 * @param headerTimeout how long a client may take to send a complete request head (request line and
 *     headers), counted from the connection's accept for its first request and from the first byte
 *     for later ones; the router then closes the connection (slowloris defence)
 * @param keepAliveTimeout how long a client connection may stay open with no request in progress
 *     before the router closes it
 * @param maxHops how many times one request may pass through the router (counted in the {@code
 *     x-prooflane-hops} header) before the router answers {@code 508 Loop Detected}
 * @param maxHeaders how many header fields a request may have; the router answers a request with
 *     more {@code 431} and closes its connection
 * @param tls the certificate and key with which every listener also speaks TLS (HTTP/2 or HTTP/1.1
 *     by ALPN, cleartext still served on the same port), or empty for cleartext only
 */
public record RouterOptions(
    String host,
    KeyNames keyNames,
    int hopLogCapacity,
    Duration connectTimeout,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration keepAliveTimeout,
    int maxHops,
    int maxHeaders,
    Optional<PemIdentity> tls) {

  /** The default {@link #maxHeaders}: far above what browsers and service clients send. */
  public static final int DEFAULT_MAX_HEADERS = 100;

  public RouterOptions {
    requireNonNull(host, "host");
    requireNonNull(keyNames, "keyNames");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(headerTimeout, "headerTimeout");
    requireNonNull(keepAliveTimeout, "keepAliveTimeout");
    requireNonNull(tls, "tls");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host: '' (expected: an address to bind, e.g. 127.0.0.1)");
    }
    if (hopLogCapacity < 1) {
      throw new IllegalArgumentException("hopLogCapacity: " + hopLogCapacity + " (expected: > 0)");
    }
    if (maxHops < 1 || maxHops > 999) {
      throw new IllegalArgumentException("maxHops: " + maxHops + " (expected: 1 to 999)");
    }
    if (maxHeaders < 1 || maxHeaders > 10_000) {
      throw new IllegalArgumentException("maxHeaders: " + maxHeaders + " (expected: 1 to 10000)");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("idleTimeout", idleTimeout);
    requirePositive("headerTimeout", headerTimeout);
    requirePositive("keepAliveTimeout", keepAliveTimeout);
  }

  /**
   * Loopback, the default key names, 10,000 hop records, 2 s to connect, 60 s idle upstream, 10 s
   * to send a request head, 60 s idle keep-alive, 16 hops, 100 header fields.
   */
  public static RouterOptions defaults() {
    return new RouterOptions(
        "127.0.0.1",
        KeyNames.DEFAULT,
        10_000,
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        16,
        DEFAULT_MAX_HEADERS,
        Optional.empty());
  }

  public RouterOptions withHost(String newHost) {
    return new RouterOptions(
        newHost,
        keyNames,
        hopLogCapacity,
        connectTimeout,
        idleTimeout,
        headerTimeout,
        keepAliveTimeout,
        maxHops,
        maxHeaders,
        tls);
  }

  public RouterOptions withKeyNames(KeyNames newKeyNames) {
    return new RouterOptions(
        host,
        newKeyNames,
        hopLogCapacity,
        connectTimeout,
        idleTimeout,
        headerTimeout,
        keepAliveTimeout,
        maxHops,
        maxHeaders,
        tls);
  }

  public RouterOptions withHopLogCapacity(int capacity) {
    return new RouterOptions(
        host,
        keyNames,
        capacity,
        connectTimeout,
        idleTimeout,
        headerTimeout,
        keepAliveTimeout,
        maxHops,
        maxHeaders,
        tls);
  }

  public RouterOptions withConnectTimeout(Duration timeout) {
    return new RouterOptions(
        host,
        keyNames,
        hopLogCapacity,
        timeout,
        idleTimeout,
        headerTimeout,
        keepAliveTimeout,
        maxHops,
        maxHeaders,
        tls);
  }

  public RouterOptions withIdleTimeout(Duration timeout) {
    return new RouterOptions(
        host,
        keyNames,
        hopLogCapacity,
        connectTimeout,
        timeout,
        headerTimeout,
        keepAliveTimeout,
        maxHops,
        maxHeaders,
        tls);
  }

  public RouterOptions withHeaderTimeout(Duration timeout) {
    return new RouterOptions(
        host,
        keyNames,
        hopLogCapacity,
        connectTimeout,
        idleTimeout,
        timeout,
        keepAliveTimeout,
        maxHops,
        maxHeaders,
        tls);
  }

  public RouterOptions withKeepAliveTimeout(Duration timeout) {
    return new RouterOptions(
        host,
        keyNames,
        hopLogCapacity,
        connectTimeout,
        idleTimeout,
        headerTimeout,
        timeout,
        maxHops,
        maxHeaders,
        tls);
  }

  public RouterOptions withMaxHops(int hops) {
    return new RouterOptions(
        host,
        keyNames,
        hopLogCapacity,
        connectTimeout,
        idleTimeout,
        headerTimeout,
        keepAliveTimeout,
        hops,
        maxHeaders,
        tls);
  }

  public RouterOptions withMaxHeaders(int headers) {
    return new RouterOptions(
        host,
        keyNames,
        hopLogCapacity,
        connectTimeout,
        idleTimeout,
        headerTimeout,
        keepAliveTimeout,
        maxHops,
        headers,
        tls);
  }

  /** These options with every listener also speaking TLS with {@code identity}. */
  public RouterOptions withTls(PemIdentity identity) {
    return new RouterOptions(
        host,
        keyNames,
        hopLogCapacity,
        connectTimeout,
        idleTimeout,
        headerTimeout,
        keepAliveTimeout,
        maxHops,
        maxHeaders,
        Optional.of(requireNonNull(identity, "identity")));
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isZero() || value.isNegative() || value.toMillis() < 1) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1 ms)");
    }
  }
}
