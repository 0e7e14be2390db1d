package dev.prooflane.examples.shop;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real PostgreSQL server (zonky's launcher with the binaries the daemon runs) for every test of
 * the module's JVM that takes a {@link Server} parameter: started at the first such test (a start
 * costs seconds), stopped and deleted when the run ends. Each test makes databases of its own.
 */
final class TestPostgres implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestPostgres.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Server.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> Server.start(), Server.class);
  }

  /** The running server; closed with the run's root store. */
  static final class Server implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private Server(EmbeddedPostgres postgres) {
      this.postgres = postgres;
    }

    static Server start() {
      try {
        return new Server(
            EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start PostgreSQL", e);
      }
    }

    /** The JDBC URL of {@code database}, as {@code ${databases.NAME.jdbc}} gives it. */
    String jdbcUrl(String database) {
      return "jdbc:postgresql://127.0.0.1:"
          + postgres.getPort()
          + "/"
          + database
          + "?user=postgres";
    }

    /**
     * A new database named {@code prefix} and a unique suffix, with {@code files} run on it in
     * order, as the daemon initialises a baseline database; returns its name.
     */
    String create(String prefix, Path... files) throws SQLException {
      String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      execute("postgres", "CREATE DATABASE " + name);
      run(name, files);
      return name;
    }

    /** A copy of {@code source} made as a {@code copy} branch is: {@code CREATE ... TEMPLATE}. */
    String copy(String source, String prefix) throws SQLException {
      String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + source);
      return name;
    }

    /** Runs the SQL {@code files} on {@code database}, each in one transaction. */
    void run(String database, Path... files) throws SQLException {
      for (Path file : files) {
        String sql;
        try {
          sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        try (Connection c = connect(database);
            Statement s = c.createStatement()) {
          c.setAutoCommit(false);
          s.execute(sql);
          c.commit();
        }
      }
    }

    /** Runs {@code sql} (no result) on {@code database}. */
    void execute(String database, String sql) throws SQLException {
      try (Connection c = connect(database);
          Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    /** The single number {@code sql} answers on {@code database}, such as a count. */
    long number(String database, String sql) throws SQLException {
      try (Connection c = connect(database);
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery(sql)) {
        rows.next();
        return rows.getLong(1);
      }
    }

    private Connection connect(String database) throws SQLException {
      return DriverManager.getConnection(jdbcUrl(database));
    }

    @Override
    public void close() throws IOException {
      postgres.close();
    }
  }
}
