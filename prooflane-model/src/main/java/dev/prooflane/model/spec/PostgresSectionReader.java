package dev.prooflane.model.spec;

import dev.prooflane.model.PostgresSection;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code postgres:} section of an environment file: the server the daemon starts ({@code
 * port}, {@code timeout}) or an existing one ({@code url}). Each problem is reported at its field.
 */
final class PostgresSectionReader {
  private static final Set<String> FIELDS = Set.of("port", "timeout", "url");
  private static final List<String> STARTED_ONLY = List.of("port", "timeout");
  private static final String EXPECTED_URL =
      "postgresql://user:password@host:port/database, whose user may CREATE DATABASE";

  private PostgresSectionReader() {}

  /** The section at {@code node}, or empty after reporting its problems. */
  static Optional<PostgresSection> read(SpecNode node) {
    if (node.isNull()) {
      return Optional.of(PostgresSection.started());
    }
    Map<String, SpecNode> f = node.entries(); // reports a value that is not a mapping
    if (!node.isMapping()) {
      return Optional.empty();
    }
    node.rejectUnknown(f, FIELDS);
    return f.containsKey("url") ? existing(f) : started(f);
  }

  /** An existing server: its URL, and nothing that only a started server has. */
  private static Optional<PostgresSection> existing(Map<String, SpecNode> f) {
    URI url = url(f.get("url"));
    boolean ok = ExternalServerFields.refuse(f, "url", STARTED_ONLY, "server");
    return ok && url != null
        ? Optional.of(new PostgresSection(0, PostgresSection.DEFAULT_TIMEOUT, Optional.of(url)))
        : Optional.empty();
  }

  /** A server the daemon starts, with its port and timeout. */
  private static Optional<PostgresSection> started(Map<String, SpecNode> f) {
    Integer port = f.containsKey("port") ? f.get("port").integer(0, 65535) : Integer.valueOf(0);
    Optional<Duration> timeout =
        f.containsKey("timeout")
            ? f.get("timeout").positiveDuration()
            : Optional.of(PostgresSection.DEFAULT_TIMEOUT);
    return port != null && timeout.isPresent()
        ? Optional.of(new PostgresSection(port, timeout.get(), Optional.empty()))
        : Optional.empty();
  }

  /** The server's URL, or null after reporting a problem. */
  private static URI url(SpecNode node) {
    String text = node.text();
    if (text == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      return node.problem("not a URL: " + e.getReason() + " (expected: " + EXPECTED_URL + ")");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (!"postgresql".equals(uri.getScheme())
        || uri.getHost() == null
        || uri.getRawUserInfo() == null
        || uri.getRawUserInfo().startsWith(":")
        || !path.matches("/[^/]+")
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      return node.problem("'" + redacted(uri) + "' (expected: " + EXPECTED_URL + ")");
    }
    return uri;
  }

  /** The URL without its password, so that a message never shows it. */
  private static String redacted(URI uri) {
    String user = uri.getRawUserInfo();
    if (user == null || !user.contains(":")) {
      return uri.toString();
    }
    return uri.toString().replace(user, user.substring(0, user.indexOf(':')) + ":***");
  }
}
