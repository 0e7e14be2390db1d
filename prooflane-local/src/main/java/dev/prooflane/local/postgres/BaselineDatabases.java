package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.process.ManagedProcess;
import dev.prooflane.local.process.ProcessSpec;
import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.model.DatabaseInit;
import dev.prooflane.model.DatabaseSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Creates the baseline's databases that a server does not have yet, and initialises each once.
 *
 * <p>An init command gets the database in its environment as libpq reads it ({@code PGHOST}, {@code
 * PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}) and as URLs ({@code
 * DATABASE_URL}: {@code postgresql://...}; {@code JDBC_DATABASE_URL}: {@code
 * jdbc:postgresql://...}), under its own {@code env}.
 */
final class BaselineDatabases {
  /** How long an init command may run. */
  static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

  private final AdminLogin admin;
  private final Path workdir;
  private final ProcessSupervisor supervisor;
  private final Path logs;

  /**
   * @param workdir where init commands run (the environment file's folder)
   * @param logs where an init command's output goes ({@code init-<database>.log})
   */
  BaselineDatabases(AdminLogin admin, Path workdir, ProcessSupervisor supervisor, Path logs) {
    this.admin = requireNonNull(admin, "admin");
    this.logs = requireNonNull(logs, "logs");
    this.workdir = requireNonNull(workdir, "workdir");
    this.supervisor = requireNonNull(supervisor, "supervisor");
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
      if (database.init() instanceof DatabaseInit.SqlFiles files) {
        runFiles(name, files.files());
      } else if (database.init() instanceof DatabaseInit.InitCommand command) {
        runCommand(name, command);
      }
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

  private void runFiles(String database, List<Path> files) {
    for (Path file : files) {
      String sql;
      try {
        sql = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new PostgresException(
            "databases." + database + ".init: cannot read " + file + ": " + e.getMessage(), e);
      }
      runFile(database, file, SqlScript.split(sql));
    }
  }

  private void runFile(String database, Path file, List<SqlScript.Statement> statements) {
    try (Connection c = admin.connect(database)) {
      c.setAutoCommit(false);
      SqlScript.Statement current = null;
      try (Statement s = c.createStatement()) {
        for (SqlScript.Statement statement : statements) {
          current = statement;
          s.execute(statement.text());
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        int line = current == null ? 1 : current.lineOf(position(e));
        throw new PostgresException(
            "databases."
                + database
                + ".init: "
                + file
                + ":"
                + line
                + ": "
                + e.getMessage()
                + " (the file's statements were rolled back; the database is dropped, so the next"
                + " start creates it again)",
            e);
      }
    } catch (SQLException e) {
      throw new PostgresException(
          "databases." + database + ".init: cannot connect: " + e.getMessage(), e);
    }
  }

  /** The 1-based position of the error in the statement, or 0 when the server gave none. */
  private static int position(SQLException e) {
    if (e instanceof PSQLException p) {
      ServerErrorMessage m = p.getServerErrorMessage();
      return m == null ? 0 : m.getPosition();
    }
    return 0;
  }

  private void runCommand(String database, DatabaseInit.InitCommand command) {
    DatabaseUrl url = admin.url(database);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PGHOST", url.host());
    env.put("PGPORT", String.valueOf(url.port()));
    env.put("PGDATABASE", database);
    env.put("PGUSER", url.user());
    env.put("PGPASSWORD", url.password());
    env.put("DATABASE_URL", url.url());
    env.put("JDBC_DATABASE_URL", url.jdbcUrl());
    env.putAll(command.env());
    Path log = logs.resolve("init-" + database + ".log");
    ManagedProcess process =
        supervisor.start(
            new ProcessSpec("postgres/init-" + database, command.command(), workdir, env, log));
    int code;
    try {
      code = process.onExit().get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      process.stop(Duration.ofSeconds(5));
      throw new PostgresException(
          "databases." + database + ".init: the command ran longer than " + COMMAND_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.stop(Duration.ZERO);
      throw new PostgresException("databases." + database + ".init: interrupted", e);
    } catch (ExecutionException e) {
      throw new PostgresException("databases." + database + ".init: " + e.getCause(), e);
    }
    if (code != 0) {
      throw new PostgresException(
          "databases."
              + database
              + ".init: '"
              + String.join(" ", command.command())
              + "' exited with code "
              + code
              + " (its output is in "
              + log
              + "; the database is dropped, so the next start creates it again)");
    }
  }
}
