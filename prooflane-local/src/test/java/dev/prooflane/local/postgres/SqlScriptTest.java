package dev.prooflane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SQL files split into statements, each with its line. */
class SqlScriptTest {
  @Test
  void splitsOnSemicolonsAndKeepsEachStatementsLine() {
    List<SqlScript.Statement> statements =
        SqlScript.split("create table a (id int);\n\ninsert into a\n  values (1);\n");

    assertThat(statements)
        .containsExactly(
            new SqlScript.Statement("create table a (id int)", 1),
            new SqlScript.Statement("insert into a\n  values (1)", 3));
    assertThat(statements.get(1).lineOf(17)).as("the 'values' line").isEqualTo(4);
  }

  @Test
  void aSemicolonInQuotesDollarQuotesOrCommentsDoesNotSplit() {
    String sql =
        "insert into t values ('a;b', E'c\\';d', \"we;ird\");\n"
            + "-- a comment; still a comment\n"
            + "/* block; /* nested; */ still; */\n"
            + "create function f() returns int as $body$ select 1; $body$ language sql;\n"
            + "select $$x;y$$";

    assertThat(SqlScript.split(sql)).extracting(SqlScript.Statement::line).containsExactly(1, 4, 5);
    assertThat(SqlScript.split(sql).get(1).text()).endsWith("language sql");
    assertThat(SqlScript.split(sql).get(2).text()).isEqualTo("select $$x;y$$");
  }

  @Test
  void aFileOfOnlyCommentsAndBlanksHasNoStatements() {
    assertThat(SqlScript.split("-- nothing\n\n/* here */ ;\n")).isEmpty();
  }
}
