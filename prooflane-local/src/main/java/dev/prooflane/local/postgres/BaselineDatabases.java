package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.model.DatabaseSection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the baseline's databases that a server does not have yet, and initialises each once.
 *
 * <p>An init command gets the database in its environment as libpq reads it ({@code PGHOST}, {@code
 * PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}) and as URLs ({@code
 * DATABASE_URL}: {@code postgresql://...}; {@code JDBC_DATABASE_URL}: {@code
 * jdbc:postgresql://...}), under its own {@code env}.
 */
final class BaselineDatabases {
  private final AdminLogin admin;
  private final Migrations inits;

  /**
   * @param workdir where init commands run (the environment file's folder)
   * @param logs where an init command's output goes ({@code init-<database>.log})
   */
  BaselineDatabases(AdminLogin admin, Path workdir, ProcessSupervisor supervisor, Path logs) {
    this.admin = requireNonNull(admin, "admin");
    this.inits = new Migrations(admin, workdir, supervisor, logs);
  }

  /**
   * Creates the missing ones; one that exists but refuses connections (a daemon killed while it
   * copied it with {@link TemplateInUse#DISCONNECT}) takes connections again.
   */
  List<String> ensure(List<DatabaseSection> databases) {
    List<String> created = new ArrayList<>();
    for (DatabaseSection database : databases) {
      Boolean allowsConnections = allowsConnections(database.name());
      if (allowsConnections == null) {
        create(database);
        created.add(database.name());
      } else if (!allowsConnections) {
        allowConnections(database.name());
      }
    }
    return created;
  }

  /** Whether the database takes connections, or null when there is no such database. */
  private Boolean allowsConnections(String name) {
    try (Connection c = admin.connect();
        PreparedStatement s =
            c.prepareStatement("SELECT datallowconn FROM pg_database WHERE datname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    } catch (SQLException e) {
      throw new PostgresException("postgres: cannot list the databases: " + e.getMessage(), e);
    }
  }

  private void allowConnections(String name) {
    try {
      PostgresServer.execute(
          admin, "ALTER DATABASE " + Identifiers.quote(name) + " ALLOW_CONNECTIONS true");
    } catch (SQLException e) {
      throw new PostgresException(
          "databases." + name + ": it refuses connections and cannot be changed: " + e.getMessage(),
          e);
    }
  }

  private void create(DatabaseSection database) {
    String name = database.name();
    try {
      PostgresServer.execute(admin, "CREATE DATABASE " + Identifiers.quote(name));
    } catch (SQLException e) {
      throw new PostgresException(
          "databases." + name + ": CREATE DATABASE failed: " + e.getMessage(), e);
    }
    try {
      inits.run(
          name,
          database.init(),
          "databases." + name + ".init",
          "the database is dropped, so the next start creates it again",
          "init-" + name + ".log");
    } catch (RuntimeException e) {
      try {
        PostgresServer.execute(
            admin, "DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
      } catch (SQLException dropped) {
        e.addSuppressed(dropped);
      }
      throw e;
    }
  }
}
