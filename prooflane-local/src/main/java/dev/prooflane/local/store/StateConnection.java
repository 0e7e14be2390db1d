package dev.prooflane.local.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The one connection of a {@link StateStore}: opened, migrated and checked for damage. */
final class StateConnection {
  private static final int BUSY_TIMEOUT_MS = 5_000;
  private static final int SCHEMA_VERSION = StateStore.SCHEMA_VERSION;

  private StateConnection() {}

  /**
   * Opens (creating when missing, with its parent folders) the database at {@code path}, in WAL
   * mode with a busy timeout, its schema brought up to date and its pages checked.
   *
   * @throws DamagedDatabaseException when it is not a database or fails SQLite's quick_check
   * @throws StateStoreException when it cannot be opened or is from a newer Prooflane
   */
  static Connection open(Path path) {
    Connection connection = null;
    try {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      connection = DriverManager.getConnection("jdbc:sqlite:" + path);
      migrate(path, connection);
      check(path, connection);
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      if (damaged(e)) {
        throw new DamagedDatabaseException(path, e.getMessage(), e);
      }
      throw new StateStoreException(
          path,
          "cannot open: "
              + e.getMessage()
              + "; check that the daemon's user may read and write it and its folder",
          e);
    } catch (IOException e) {
      closeQuietly(connection);
      throw new StateStoreException(path, "cannot open: " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static boolean damaged(SQLException e) {
    return e instanceof SQLiteException sqlite
        && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB
            || sqlite.getResultCode().name().startsWith("SQLITE_CORRUPT"));
  }

  /** SQLite's {@code quick_check}: a damaged page or index fails the open. */
  private static void check(Path path, Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA quick_check(1)")) {
      String result = rows.next() ? rows.getString(1) : "ok";
      if (!"ok".equals(result)) {
        throw new DamagedDatabaseException(path, "quick_check: " + result, null);
      }
    }
  }

  private static void migrate(Path path, Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("PRAGMA synchronous = NORMAL");
      int version;
      try (ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
        version = rows.next() ? rows.getInt(1) : 0;
      }
      if (version > SCHEMA_VERSION) {
        throw new StateStoreException(
            path,
            "written by a newer Prooflane (schema version "
                + version
                + ", this one knows up to "
                + SCHEMA_VERSION
                + "); upgrade Prooflane or move the file away",
            null);
      }
      if (version == SCHEMA_VERSION) {
        return;
      }
      connection.setAutoCommit(false);
      try {
        statement.execute(
            "CREATE TABLE IF NOT EXISTS sandboxes ("
                + "name TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at TEXT)");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS processes ("
                + "pid INTEGER PRIMARY KEY, id TEXT, started_at TEXT)");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Already failing to open; the first error is the one worth reporting.
    }
  }
}
