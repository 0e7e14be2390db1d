package dev.prooflane.local.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The tests' statements against a real server, as the admin. */
final class Sql {
  private Sql() {}

  /** Runs {@code statements} in {@code database}, one after the other. */
  static void run(PostgresServer server, String database, String... statements)
      throws SQLException {
    try (Connection c = server.admin().connect(database);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** The first column of every row {@code query} returns in {@code database}, as text. */
  static List<String> column(PostgresServer server, String database, String query)
      throws SQLException {
    try (Connection c = server.admin().connect(database);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  /** The names in {@code pg_database}. */
  static List<String> databases(PostgresServer server) throws SQLException {
    return column(server, "postgres", "SELECT datname FROM pg_database ORDER BY datname");
  }
}
