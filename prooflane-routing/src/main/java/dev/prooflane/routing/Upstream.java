package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.Protocol;

/**
 * One process the router forwards to: where it listens and which process it is.
 *
 * <p>{@code instanceId} tells apart two processes that reuse the same port one after the other (for
 * example {@code "baseline/pricing#3"} and {@code "sbx-a/pricing#7"}); the router keeps one
 * connection pool per upstream identity, so a pooled connection to a replaced process is never
 * reused for the new one.
 *
 * @param host host name or IP address, as the router should connect to it
 * @param port TCP port, 1 to 65535
 * @param instanceId identity of the process behind the address; may be empty, never null
 * @param protocol what the process speaks on its port
 */
public record Upstream(String host, int port, String instanceId, Protocol protocol) {
  public Upstream {
    requireNonNull(host, "host");
    requireNonNull(instanceId, "instanceId");
    requireNonNull(protocol, "protocol");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host: '' (expected: a host name or IP address)");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
    }
  }

  /** An upstream speaking HTTP/1.1. */
  public Upstream(String host, int port, String instanceId) {
    this(host, port, instanceId, Protocol.HTTP1);
  }

  /** The {@code host:port} form used in hop records and error replies. */
  public String address() {
    return host + ":" + port;
  }
}
