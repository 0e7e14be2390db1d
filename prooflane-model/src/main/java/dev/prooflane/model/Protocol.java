package dev.prooflane.model;

import java.util.Locale;

/**
 * What a service's instances speak on their port, and so how the router talks to them: clients in
 * either HTTP version reach every kind where the semantics allow (gRPC needs HTTP/2 end to end).
 */
public enum Protocol {
  /** HTTP/1.1 (the default): one request at a time per pooled connection. */
  HTTP1,
  /** HTTP/2 in cleartext with prior knowledge: every request a stream of a shared connection. */
  H2C,
  /**
   * gRPC over cleartext HTTP/2: routed as {@link #H2C} (the router answers a call as gRPC by its
   * {@code application/grpc} content type, whatever the service declares); health-checked with the
   * gRPC health protocol by default.
   */
  GRPC;

  /** The name in {@code prooflane.yaml}: {@code http1}, {@code h2c} or {@code grpc}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the router speaks HTTP/2 to instances of this kind. */
  public boolean http2() {
    return this != HTTP1;
  }

  /** The protocol named {@code name} in {@code prooflane.yaml}, or null if none is. */
  public static Protocol fromYaml(String name) {
    for (Protocol protocol : values()) {
      if (protocol.yamlName().equals(name)) {
        return protocol;
      }
    }
    return null;
  }
}
