package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.process.ManagedProcess;
import dev.prooflane.local.process.ProcessSpec;
import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.model.DatabaseInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs a {@link DatabaseInit} on one database: a baseline database's {@code init} when the daemon
 * creates it, or a branch's {@code migrate} before a sandbox's forks start. SQL files run through
 * JDBC, each in one transaction, a failing statement named by file and line with the database's own
 * message; a command runs under the supervisor in the environment file's folder with the database
 * in its environment as libpq reads it ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code
 * PGUSER}, {@code PGPASSWORD}) and as URLs ({@code DATABASE_URL}: {@code postgresql://...}; {@code
 * JDBC_DATABASE_URL}: {@code jdbc:postgresql://...}), under its own {@code env}.
 */
final class Migrations {
  /** How long a command may run. */
  static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

  private final AdminLogin admin;
  private final Path workdir;
  private final ProcessSupervisor supervisor;
  private final Path logs;

  /**
   * @param workdir where commands run (the environment file's folder)
   * @param logs the folder of the commands' output files
   */
  Migrations(AdminLogin admin, Path workdir, ProcessSupervisor supervisor, Path logs) {
    this.admin = requireNonNull(admin, "admin");
    this.workdir = requireNonNull(workdir, "workdir");
    this.supervisor = requireNonNull(supervisor, "supervisor");
    this.logs = requireNonNull(logs, "logs");
  }

  /**
   * Runs {@code migration} on {@code database}.
   *
   * @param field what a failure names first, such as {@code databases.orders.init}
   * @param after what a failure says happens next, such as that the database is dropped
   * @param logName the file in the logs folder a command's output goes to
   * @throws PostgresException naming the field, and for a failed SQL statement its file and line
   */
  void run(String database, DatabaseInit migration, String field, String after, String logName) {
    if (migration instanceof DatabaseInit.SqlFiles files) {
      runFiles(database, files.files(), field, after);
    } else if (migration instanceof DatabaseInit.InitCommand command) {
      runCommand(database, command, field, after, logName);
    }
  }

  private void runFiles(String database, List<Path> files, String field, String after) {
    for (Path file : files) {
      String sql;
      try {
        sql = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new PostgresException(field + ": cannot read " + file + ": " + e.getMessage(), e);
      }
      runFile(database, file, SqlScript.split(sql), field, after);
    }
  }

  private void runFile(
      String database,
      Path file,
      List<SqlScript.Statement> statements,
      String field,
      String after) {
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
            field
                + ": "
                + file
                + ":"
                + line
                + ": "
                + e.getMessage()
                + " (the file's statements were rolled back; "
                + after
                + ")",
            e);
      }
    } catch (SQLException e) {
      throw new PostgresException(field + ": cannot connect: " + e.getMessage(), e);
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

  private void runCommand(
      String database,
      DatabaseInit.InitCommand command,
      String field,
      String after,
      String logName) {
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
    Path log = logs.resolve(logName);
    ManagedProcess process =
        supervisor.start(
            new ProcessSpec(
                "postgres/" + logName.replace(".log", ""), command.command(), workdir, env, log));
    int code;
    try {
      code = process.onExit().get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      process.stop(Duration.ofSeconds(5));
      throw new PostgresException(field + ": the command ran longer than " + COMMAND_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.stop(Duration.ZERO);
      throw new PostgresException(field + ": interrupted", e);
    } catch (ExecutionException e) {
      throw new PostgresException(field + ": " + e.getCause(), e);
    }
    if (code != 0) {
      throw new PostgresException(
          field
              + ": '"
              + String.join(" ", command.command())
              + "' exited with code "
              + code
              + " (its output is in "
              + log
              + "; "
              + after
              + ")");
    }
  }
}
