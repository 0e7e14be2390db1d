package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * How the daemon logs in to the PostgreSQL server as a user that may {@code CREATE DATABASE}: to
 * create the baseline's databases and the branches.
 *
 * @param host the server's host
 * @param port the server's port
 * @param database the database the daemon connects to for its own statements (never a baseline
 *     database: a session there would keep it from being copied)
 * @param user the user
 * @param password the password (empty when the server asks for none)
 */
public record AdminLogin(String host, int port, String database, String user, String password) {
  public AdminLogin {
    requireNonNull(host, "host");
    requireNonNull(database, "database");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
  }

  /** The JDBC URL of {@link #database()}. */
  public String jdbcUrl() {
    return jdbcUrl(database);
  }

  /** The JDBC URL of {@code name} on the same server, without the credentials. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://" + DatabaseUrl.hostPart(host) + ":" + port + "/" + name;
  }

  /** A new connection to {@code name} as this user; the caller closes it. */
  public Connection connect(String name) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    if (!password.isEmpty()) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "prooflane");
    props.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(jdbcUrl(name), props);
  }

  /** A new connection to {@link #database()}; the caller closes it. */
  public Connection connect() throws SQLException {
    return connect(database);
  }

  /** The URL that a service uses for {@code name} on this server, as this user. */
  public DatabaseUrl url(String name) {
    return new DatabaseUrl(host, port, name, user, password);
  }

  @Override
  public String toString() {
    return "AdminLogin[" + user + "@" + host + ":" + port + "/" + database + "]";
  }
}
