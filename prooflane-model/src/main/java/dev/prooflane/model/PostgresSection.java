package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code postgres:} section of an environment file: the PostgreSQL server the local runtime
 * starts on 127.0.0.1 (data under the state folder, kept across restarts), or an existing one named
 * by {@code url}, on which the baseline's databases and the sandboxes' branches are created.
 *
 * @param port the server's port on 127.0.0.1; 0 picks a free port at each start
 * @param timeout how long the server may take to come up (or an existing one to answer)
 * @param url an existing server, {@code postgresql://user:password@host:port/database}, whose user
 *     may {@code CREATE DATABASE}; then the daemon starts none
 */
public record PostgresSection(int port, Duration timeout, Optional<URI> url) {
  /** How long the server may take to come up when the section does not say. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public PostgresSection {
    requireNonNull(timeout, "timeout");
    requireNonNull(url, "url");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    if (url.isPresent() && !"postgresql".equals(url.get().getScheme())) {
      throw new IllegalArgumentException(
          "url: " + url.get() + " (expected: postgresql://user:password@host:port/database)");
    }
  }

  /** A server the daemon starts, on a free port, with the default timeout. */
  public static PostgresSection started() {
    return new PostgresSection(0, DEFAULT_TIMEOUT, Optional.empty());
  }

  /** Whether the daemon starts the server (no {@code url} given). */
  public boolean startsServer() {
    return url.isEmpty();
  }
}
