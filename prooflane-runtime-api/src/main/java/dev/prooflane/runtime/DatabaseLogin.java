package dev.prooflane.runtime;

import static java.util.Objects.requireNonNull;

/**
 * Where one database of the environment is and how to log in to it: a sandbox's branch of it, or
 * the baseline's database.
 *
 * @param host the server's host (an IPv6 address without brackets)
 * @param port the server's port
 * @param name the PostgreSQL database's name (a branch's own name for a branch)
 * @param user the user
 * @param password the password; empty when the server asks for none. Never in {@link #toString()}
 * @param branch whether it is a sandbox's branch (false: the baseline's database)
 */
public record DatabaseLogin(
    String host, int port, String name, String user, String password, boolean branch) {
  public DatabaseLogin {
    requireNonNull(host, "host");
    requireNonNull(name, "name");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host: empty (expected: a host name or address)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: empty (expected: a database name)");
    }
  }

  /**
   * {@code jdbc:postgresql://host:port/name}, without the credentials (give {@link #user()} and
   * {@link #password()} as the connection's properties), so that the URL can be shown.
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostPart() + ":" + port + "/" + name;
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "DatabaseLogin["
        + user
        + "@"
        + hostPart()
        + ":"
        + port
        + "/"
        + name
        + (branch ? ", branch" : ", baseline")
        + "]";
  }

  private String hostPart() {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
