package dev.prooflane.actions.sql;

import dev.cel.common.values.NullValue;
import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.runtime.DatabaseLogin;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * {@code sql}: one statement on a database of the environment, the rows back as JSON values. When
 * the run (or {@code sandbox:}) targets a sandbox, the statement runs on that sandbox's branch of
 * the database and may write (committed there); a sandbox without a branch of it is refused, never
 * answered from the baseline. Against the baseline the statement runs in a READ ONLY transaction of
 * a session whose transactions are all read-only, so PostgreSQL itself refuses a write, and the
 * step says where writes go. The write guard sees each statement as {@code POST /DATABASE} on the
 * service {@code sql} sent with the key on a branch, and {@code GET /DATABASE} on the baseline.
 */
public final class SqlAction implements Action {
  /** The name the write guard knows the databases by. */
  static final String WRITE_SERVICE = "sql";

  /** Rows read when the step says nothing. */
  static final long DEFAULT_MAX_ROWS = 1000;

  /** The most rows a step may ask for: they all go into the step's outputs and the report. */
  static final long MAX_ROWS = 100_000;

  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "sql",
          "Run one SQL statement on the sandbox's branch of a database (writes allowed) or on the"
              + " baseline's database (read-only), and return the rows as JSON.",
          List.of(
              Field.required("database", "string", "a database of the environment's databases:"),
              Field.required(
                  "query",
                  "string",
                  "one SQL statement; ? marks a parameter (?? stands for a literal ?)"),
              Field.optional(
                  "params",
                  "array",
                  "the values of the ?s, in order: text, numbers, true/false or null; default none"),
              Field.optional(
                  "sandbox",
                  "string",
                  "whose branch: a sandbox's name, or baseline for the baseline's database"
                      + " (read-only); default: the run's sandbox"),
              Field.optional(
                  "maxRows",
                  "integer",
                  "the most rows read (1 to " + MAX_ROWS + "); default " + DEFAULT_MAX_ROWS)),
          List.of(
              Field.required(
                  "rows",
                  "array",
                  "each row as column to value: numbers, true/false, text, null; json as its"
                      + " value; dates and times ISO-8601; other types as PostgreSQL's text"),
              Field.required("rowCount", "integer", "how many rows were read"),
              Field.required("columns", "array", "the columns' names, in order"),
              Field.required(
                  "updated",
                  "integer",
                  "the rows an INSERT, UPDATE, DELETE (or MERGE) changed, 0 for other statements"
                      + " without rows; null when the statement returned rows"),
              Field.required("truncated", "boolean", "whether there were more rows than maxRows"),
              Field.required(
                  "database", "string", "the PostgreSQL database it ran on (the branch's name)"),
              Field.required("branch", "boolean", "whether it ran on a sandbox's branch")),
          """
          - id: order_saved
            action: sql
            with:
              database: orders
              query: SELECT id, status, total FROM orders WHERE customer = ?
              params: [c-42]
          """);

  private static final Set<String> KNOWN = DESCRIPTOR.inputNames();

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws Exception {
    input.rejectUnknown(KNOWN);
    OneStatement statement = OneStatement.of(input, input.string("query"));
    List<Object> params = params(input, statement);
    long maxRows = input.integer("maxRows", DEFAULT_MAX_ROWS);
    if (maxRows < 1 || maxRows > MAX_ROWS) {
      throw input.error("maxRows", maxRows + " (expected: 1 to " + MAX_ROWS + ")");
    }
    SqlTarget target = SqlTarget.of(input, context);
    String step = "step '" + context.stepId() + "' (sql)";
    Duration left = context.timeLeft("run a statement on " + target.describe());
    context
        .guard()
        .admitRequest(
            context.stepId(),
            target.writable() ? "POST" : "GET",
            WRITE_SERVICE,
            "/" + target.database(),
            target.writable());
    DatabaseLogin login = target.login();
    Connection connection;
    try {
      connection = DriverManager.getConnection(login.jdbcUrl(), properties(target, left, context));
    } catch (SQLException e) {
      throw SqlFailure.connecting(step, target, login.jdbcUrl(), e);
    }
    try (connection) {
      try {
        connection.setAutoCommit(false);
        ActionResult result = execute(connection, statement, params, maxRows, left, target, step);
        if (target.writable()) {
          connection.commit();
        } else {
          connection.rollback();
        }
        return result;
      } catch (SQLException e) {
        rollback(connection);
        throw SqlFailure.of(step, target, e);
      } catch (RuntimeException e) {
        rollback(connection);
        throw e;
      }
    }
  }

  private static ActionResult execute(
      Connection connection,
      OneStatement statement,
      List<Object> params,
      long maxRows,
      Duration left,
      SqlTarget target,
      String step)
      throws SQLException {
    if (!target.writable()) {
      try (Statement s = connection.createStatement()) {
        s.execute("SET TRANSACTION READ ONLY");
      }
    }
    try (PreparedStatement ps = connection.prepareStatement(statement.sql())) {
      for (int i = 0; i < params.size(); i++) {
        bind(ps, i + 1, params.get(i));
      }
      ps.setMaxRows((int) maxRows + 1);
      ps.setFetchSize((int) Math.min(maxRows + 1, 500));
      ps.setQueryTimeout((int) Math.max(1, (left.toMillis() + 999) / 1000));
      ResultRows rows;
      Object updated;
      if (ps.execute()) {
        try (ResultSet result = ps.getResultSet()) {
          rows = ResultRows.read(result, maxRows, step + ": " + target.describe());
        }
        updated = NullValue.NULL_VALUE;
      } else {
        rows = new ResultRows(List.of(), List.of(), false);
        updated = Math.max(0L, ps.getLargeUpdateCount());
      }
      return ActionResult.builder()
          .output("rows", rows.rows())
          .output("rowCount", (long) rows.rows().size())
          .output("columns", rows.columns())
          .output("updated", updated)
          .output("truncated", rows.truncated())
          .output("database", target.login().name())
          .output("branch", target.writable())
          .message(message(rows, updated, maxRows, target))
          .build();
    }
  }

  private static String message(ResultRows rows, Object updated, long maxRows, SqlTarget target) {
    String what =
        updated instanceof Long n
            ? n + " row(s) changed on "
            : rows.rows().size()
                + " row(s)"
                + (rows.truncated() ? " (truncated: more than maxRows " + maxRows + ")" : "")
                + " from ";
    return what + target.describe();
  }

  private static Properties properties(SqlTarget target, Duration left, ActionContext context) {
    long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
    Properties p = new Properties();
    p.setProperty("user", target.login().user());
    p.setProperty("password", target.login().password());
    p.setProperty("connectTimeout", Long.toString(seconds));
    p.setProperty("loginTimeout", Long.toString(seconds));
    // text parameters go as untyped literals: PostgreSQL reads '42' as the column's type
    p.setProperty("stringtype", "unspecified");
    p.setProperty("ApplicationName", "prooflane-sql-" + context.runId() + "-" + context.stepId());
    if (!target.writable()) {
      // every transaction of the session read-only, whatever the statement does to its own
      p.setProperty("options", "-c default_transaction_read_only=on");
    }
    return p;
  }

  private static void rollback(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the connection is closed next, which ends the transaction anyway
    }
  }

  private static List<Object> params(ActionInput input, OneStatement statement) {
    List<Object> params = input.list("params");
    for (int i = 0; i < params.size(); i++) {
      Object v = params.get(i);
      if (!(Values.isNull(v)
          || v instanceof String
          || v instanceof Long
          || v instanceof Double
          || v instanceof Boolean)) {
        throw input.error(
            "params[" + i + "]",
            "expected text, a number, true/false or null, got " + Values.text(v));
      }
    }
    if (params.size() != statement.placeholders()) {
      throw input.error(
          "params",
          params.size()
              + " value(s) for "
              + statement.placeholders()
              + " ? in the query (expected: one value per ?, in order)");
    }
    return params;
  }

  private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (Values.isNull(value)) {
      ps.setNull(index, Types.NULL);
    } else if (value instanceof Long l) {
      ps.setLong(index, l);
    } else if (value instanceof Double d) {
      ps.setDouble(index, d);
    } else if (value instanceof Boolean b) {
      ps.setBoolean(index, b);
    } else {
      ps.setString(index, (String) value);
    }
  }
}
