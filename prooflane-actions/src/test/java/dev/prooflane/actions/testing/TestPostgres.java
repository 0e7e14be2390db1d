package dev.prooflane.actions.testing;

import dev.prooflane.runtime.DatabaseLogin;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real PostgreSQL server (zonky's launcher and binaries) for the module's tests: one for all the
 * tests of the module's JVM, started on first use and stopped when that JVM exits. Each test class
 * makes databases of its own with {@link #createDatabase}, so that they share the server and
 * nothing else.
 */
public final class TestPostgres {
  private static final String USER = "postgres";
  private static TestPostgres shared;

  private final EmbeddedPostgres server;

  private TestPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  /** The server of this test JVM, started on first use. */
  public static synchronized TestPostgres shared() {
    if (shared == null) {
      try {
        shared = new TestPostgres(EmbeddedPostgres.builder().start());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      TestPostgres started = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return shared;
  }

  /** The login of {@code database} on this server, as a runtime would answer it. */
  public DatabaseLogin login(String database, boolean branch) {
    return new DatabaseLogin("localhost", server.getPort(), database, USER, "", branch);
  }

  /** A new database named {@code prefix_RANDOM}, made by running {@code sql} in it. */
  public String createDatabase(String prefix, String... sql) throws SQLException {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    execute("postgres", "CREATE DATABASE " + name);
    execute(name, sql);
    return name;
  }

  /** A copy of {@code source} named {@code prefix_RANDOM}, as a branch of it. */
  public String copy(String source, String prefix) throws SQLException {
    String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + source);
    return name;
  }

  /** Runs each statement of {@code sql} in {@code database}, committed. */
  public void execute(String database, String... sql) throws SQLException {
    try (Connection c = connect(database);
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  /** The single number {@code sql} answers in {@code database}, such as a {@code count(*)}. */
  public long number(String database, String sql) throws SQLException {
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(server.getJdbcUrl(USER, database), USER, "");
  }

  private void stop() {
    try {
      server.close();
    } catch (IOException e) {
      // the JVM is exiting: the server's temporary folder goes with zonky's own cleanup
    }
  }
}
