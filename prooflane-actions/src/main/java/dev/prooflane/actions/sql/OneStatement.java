package dev.prooflane.actions.sql;

import dev.prooflane.actions.core.ActionInput;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * The {@code query:} of a {@code sql} step, checked to be one statement: the driver would otherwise
 * send {@code a; b} as two, and a {@code COMMIT; ...} would leave the read-only transaction the
 * baseline's statements run in. Read with the driver's own lexer, so semicolons inside strings,
 * quoted names, comments and dollar-quoted bodies do not count.
 *
 * @param sql the statement, as given
 * @param placeholders how many {@code ?} it binds
 */
record OneStatement(String sql, int placeholders) {
  private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|--[^\\n]*", Pattern.DOTALL);

  /**
   * The statement of {@code query}.
   *
   * @throws dev.prooflane.actions.core.ActionInputException naming {@code query} when it holds no
   *     statement or more than one
   */
  static OneStatement of(ActionInput input, String query) {
    List<NativeQuery> statements;
    try {
      statements = Parser.parseJdbcSql(query, true, true, true, false, false);
    } catch (SQLException e) {
      throw input.error("query", e.getMessage());
    }
    List<NativeQuery> some = statements.stream().filter(s -> !onlyComments(s.nativeSql)).toList();
    if (some.isEmpty()) {
      throw input.error("query", "no statement (expected: one SQL statement)");
    }
    if (some.size() > 1) {
      throw input.error(
          "query",
          some.size()
              + " statements (expected: one; run each in a step of its own, or join them in one"
              + " statement such as WITH ... INSERT)");
    }
    return new OneStatement(query, some.get(0).bindPositions.length);
  }

  /**
   * Whether a fragment the lexer split off holds nothing but comments and blanks (such as the
   * {@code -- note} after a statement's semicolon). Any token of a statement survives the removal.
   */
  private static boolean onlyComments(String fragment) {
    return COMMENTS.matcher(fragment).replaceAll("").isBlank();
  }
}
