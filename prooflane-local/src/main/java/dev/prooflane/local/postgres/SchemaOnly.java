package dev.prooflane.local.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a full copy into a schema-only branch: empties every table (but an extension's), restarts
 * every sequence and refreshes every materialized view, in one transaction.
 */
final class SchemaOnly {
  /** The schemas of the system, never touched. */
  private static final String USER_SCHEMA =
      "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";

  /** Objects of an extension (such as PostGIS's spatial_ref_sys) keep their rows. */
  private static final String NOT_EXTENSION =
      "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
          + " AND d.objid = c.oid AND d.deptype = 'e')";

  private SchemaOnly() {}

  static void emptyTables(AdminLogin admin, String branch) throws SQLException {
    try (Connection c = admin.connect(branch)) {
      c.setAutoCommit(false);
      List<String> tables = relations(c, "'r', 'p'");
      if (!tables.isEmpty()) {
        Branches.execute(
            c, "TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
      }
      for (String sequence : relations(c, "'S'")) {
        Branches.execute(c, "ALTER SEQUENCE " + sequence + " RESTART");
      }
      for (String view : relations(c, "'m'")) {
        Branches.execute(c, "REFRESH MATERIALIZED VIEW " + view);
      }
      c.commit();
    }
  }

  /** The qualified, quoted names of the user's relations of the given {@code relkind}s. */
  private static List<String> relations(Connection c, String kinds) throws SQLException {
    String sql =
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ("
            + kinds
            + ") AND "
            + USER_SCHEMA
            + " AND "
            + NOT_EXTENSION
            + " ORDER BY 1";
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
