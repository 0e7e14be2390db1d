package dev.prooflane.actions.sql;

import dev.prooflane.model.ProoflaneException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** The message of a statement PostgreSQL (or its driver) refused, with its SQLSTATE. */
final class SqlFailure {
  /** PostgreSQL's {@code read_only_sql_transaction}: a write in a READ ONLY transaction. */
  static final String READ_ONLY = "25006";

  private SqlFailure() {}

  /**
   * The error of a step whose statement failed on {@code target}: a write refused on the baseline
   * says where writes go; anything else quotes PostgreSQL.
   */
  static ProoflaneException of(String step, SqlTarget target, SQLException e) {
    String said = said(e);
    if (READ_ONLY.equals(e.getSQLState()) && !target.writable()) {
      return new ProoflaneException(
          step
              + ": "
              + target.describe()
              + " is read-only for sql: writes go to a sandbox's branch of it (run against a"
              + " sandbox created with databases: {"
              + target.database()
              + ": copy}, or name one with sandbox:); PostgreSQL refused: "
              + said,
          e);
    }
    return new ProoflaneException(step + ": " + target.describe() + ": " + said, e);
  }

  /**
   * The error of a step that could not reach the database at all.
   *
   * @param url the JDBC URL tried (it holds no credentials)
   */
  static ProoflaneException connecting(String step, SqlTarget target, String url, SQLException e) {
    return new ProoflaneException(
        step
            + ": cannot connect to "
            + target.describe()
            + " at "
            + url
            + ": "
            + said(e)
            + " (is the environment's postgres server up? prooflane status)",
        e);
  }

  /**
   * {@code ERROR: relation "nope" does not exist (SQLSTATE 42P01, at character 15)}, with
   * PostgreSQL's detail and hint when it gave them.
   */
  static String said(SQLException e) {
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    StringBuilder text = new StringBuilder();
    if (server != null && server.getMessage() != null) {
      text.append(server.getSeverity()).append(": ").append(server.getMessage());
      if (server.getDetail() != null) {
        text.append("; detail: ").append(server.getDetail());
      }
      if (server.getHint() != null) {
        text.append("; hint: ").append(server.getHint());
      }
    } else {
      text.append(String.valueOf(e.getMessage()).strip().replace("\n", "; "));
    }
    text.append(" (SQLSTATE ").append(e.getSQLState());
    if (server != null && server.getPosition() > 0) {
      text.append(", at character ").append(server.getPosition());
    }
    return text.append(")").toString();
  }
}
