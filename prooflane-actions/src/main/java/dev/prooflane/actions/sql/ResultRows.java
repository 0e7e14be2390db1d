package dev.prooflane.actions.sql;

import dev.prooflane.model.ProoflaneException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows a statement returned, as many as {@code maxRows} allows.
 *
 * @param columns the columns' names, in order
 * @param rows each row as column name to JSON value ({@link ColumnValue})
 * @param truncated whether the statement returned more rows than were read
 */
record ResultRows(List<String> columns, List<Map<String, Object>> rows, boolean truncated) {
  ResultRows {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * Reads up to {@code maxRows} rows, and one more to know whether there were more (the statement's
   * {@code setMaxRows(maxRows + 1)} keeps the server from sending the rest).
   *
   * @param where the step and database, for the message of a result with a column name twice
   */
  static ResultRows read(ResultSet result, long maxRows, String where) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i);
      if (!seen.add(name)) {
        throw new ProoflaneException(
            where
                + ": the result has column '"
                + name
                + "' twice, and a row holds each name once (give each column its own name:"
                + " ... AS "
                + name
                + "_2)");
      }
      columns.add(name);
      types.add(meta.getColumnTypeName(i));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (result.next()) {
      if (rows.size() >= maxRows) {
        truncated = true;
        break;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        row.put(columns.get(i), ColumnValue.read(result, i + 1, types.get(i)));
      }
      rows.add(row);
    }
    return new ResultRows(columns, rows, truncated);
  }
}
