package dev.prooflane.bench.databases;

import dev.prooflane.local.postgres.AdminLogin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a database made by one case holds, read after its timing: that every case made what it
 * claims (a full copy has the rows, a schema-only one the tables and indexes without rows).
 *
 * @param tables the tables of its {@code public} schema
 * @param indexes the indexes of its {@code public} schema
 * @param orders the rows of its {@code orders} table (0 when there is no such table)
 */
record Contents(int tables, int indexes, long orders) {
  /** The contents of {@code database} on the server that {@code admin} logs in to. */
  static Contents of(AdminLogin admin, String database) throws SQLException {
    try (Connection c = admin.connect(database);
        Statement s = c.createStatement()) {
      int tables = count(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
      int indexes = count(s, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'");
      long orders = 0;
      if (count(s, "SELECT count(*) FROM pg_tables WHERE tablename = 'orders'") == 1) {
        orders = count(s, "SELECT count(*) FROM orders");
      }
      return new Contents(tables, indexes, orders);
    }
  }

  private static int count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Override
  public String toString() {
    return "%d tables, %d indexes, %,d orders".formatted(tables, indexes, orders);
  }
}
