package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a service finds one database, as the {@code ${databases.NAME.*}} placeholders will expose
 * it: the URL and its parts.
 *
 * @param host the server's host
 * @param port the server's port
 * @param name the database's name
 * @param user the user
 * @param password the password (empty when the server asks for none)
 */
public record DatabaseUrl(String host, int port, String name, String user, String password) {
  public DatabaseUrl {
    requireNonNull(host, "host");
    requireNonNull(name, "name");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
  }

  /** {@code postgresql://user:password@host:port/name}, as libpq and most drivers read it. */
  public String url() {
    String login = encode(user) + (password.isEmpty() ? "" : ":" + encode(password));
    return "postgresql://" + login + "@" + hostPart(host) + ":" + port + "/" + name;
  }

  /** {@code jdbc:postgresql://host:port/name}: the credentials go in separate properties. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostPart(host) + ":" + port + "/" + name;
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + user + "@" + hostPart(host) + ":" + port + "/" + name + "]";
  }

  /** The host as it stands in a URL: an IPv6 address in brackets. */
  static String hostPart(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
