package dev.prooflane.actions.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.values.NullValue;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyReader;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.SkillRuns;
import dev.prooflane.actions.testing.TestPostgres;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code sql} action against a real PostgreSQL server: database {@code orders} of the
 * environment is a baseline database, of which sandbox {@code pr-7} has a branch (a template copy)
 * and sandbox {@code pr-8} has none.
 */
class SqlActionTest {
  private static final TestPostgres POSTGRES = TestPostgres.shared();
  private static String baseline;
  private static String branch;

  private LoopbackEnvironment env;

  @BeforeAll
  static void databases() throws SQLException {
    baseline =
        POSTGRES.createDatabase(
            "orders",
            "CREATE TABLE orders (id int PRIMARY KEY, customer text NOT NULL, total numeric(10,2),"
                + " paid boolean, placed timestamptz, note jsonb, tags text[], day date)",
            "INSERT INTO orders VALUES (1, 'ada', 12.50, true, '2026-01-02 03:04:05+00',"
                + " '{\"gift\": true}', '{a,b}', '2026-01-02'),"
                + " (2, 'bob', 7, false, NULL, NULL, NULL, NULL),"
                + " (3, 'ada', 99.99, false, NULL, NULL, NULL, NULL)");
    branch = POSTGRES.copy(baseline, "orders__pr_7");
  }

  @BeforeEach
  void environment() {
    env =
        new LoopbackEnvironment()
            .sandbox("pr-7", "k-pr7", Map.of())
            .sandbox("pr-8", "k-pr8", Map.of())
            .database("orders", POSTGRES.login(baseline, false))
            .branch("pr-7", "orders", POSTGRES.login(branch, true));
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void rowsComeBackAsJsonValuesNamedByTheirColumns() {
    StepResult step = sql(null, "{database: orders, query: 'SELECT * FROM orders WHERE id = 1'}");

    assertThat(step.verdict()).as(step.message()).isEqualTo(Verdict.PASS);
    assertThat(step.outputs().get("columns"))
        .isEqualTo(List.of("id", "customer", "total", "paid", "placed", "note", "tags", "day"));
    Map<String, Object> row = rows(step).get(0);
    assertThat(row)
        .containsEntry("id", 1L)
        .containsEntry("customer", "ada")
        .containsEntry("total", 12.5)
        .containsEntry("paid", true)
        .containsEntry("placed", "2026-01-02T03:04:05Z")
        .containsEntry("note", Map.of("gift", true))
        .containsEntry("tags", "{a,b}")
        .containsEntry("day", "2026-01-02");
    assertThat(step.outputs())
        .containsEntry("rowCount", 1L)
        .containsEntry("updated", NullValue.NULL_VALUE)
        .containsEntry("truncated", false)
        .containsEntry("database", baseline)
        .containsEntry("branch", false);
    assertThat(step.message()).isEqualTo("1 row(s) from database 'orders' (the baseline's)");
  }

  @Test
  void sqlNullIsNullAndParamsAreBoundInOrder() {
    StepResult step =
        sql(
            null,
            "{database: orders, query: 'SELECT id, placed FROM orders WHERE customer = ? AND total"
                + " < ? AND paid = ? AND id > ? AND ?::text IS NULL ORDER BY id', params: [ada,"
                + " 100.5, false, '1', null]}");

    assertThat(step.verdict()).as(step.message()).isEqualTo(Verdict.PASS);
    assertThat(rows(step)).containsExactly(Map.of("id", 3L, "placed", NullValue.NULL_VALUE));
  }

  @Test
  void writesOnTheSandboxBranchAreCommittedThereAndNeverReachTheBaseline() throws SQLException {
    StepResult step =
        sql(
            "pr-7",
            "{database: orders, query: 'INSERT INTO orders (id, customer) VALUES (?, ?), (?, ?)',"
                + " params: [100, grace, 101, grace]}");

    assertThat(step.verdict()).as(step.message()).isEqualTo(Verdict.PASS);
    assertThat(step.outputs())
        .containsEntry("updated", 2L)
        .containsEntry("rowCount", 0L)
        .containsEntry("branch", true)
        .containsEntry("database", branch);
    assertThat(step.message())
        .isEqualTo(
            "2 row(s) changed on database 'orders' (the branch " + branch + " of sandbox pr-7)");
    assertThat(POSTGRES.number(branch, "SELECT count(*) FROM orders WHERE id IN (100, 101)"))
        .isEqualTo(2);
    assertThat(POSTGRES.number(baseline, "SELECT count(*) FROM orders WHERE id IN (100, 101)"))
        .isZero();
  }

  @Test
  void aWriteOnTheBaselineIsRefusedByPostgresAndNothingIsWritten() throws SQLException {
    for (String write :
        List.of(
            "INSERT INTO orders (id, customer) VALUES (200, ''eve'')",
            "WITH gone AS (DELETE FROM orders WHERE id = 1 RETURNING id) SELECT * FROM gone",
            "CREATE TABLE sneaky (id int)")) {
      StepResult step = sql(null, "{database: orders, query: '" + write + "'}");

      assertThat(step.verdict()).as(write).isEqualTo(Verdict.ERROR);
      assertThat(step.message())
          .as(write)
          .contains(
              "(sql): database 'orders' (the baseline's) is read-only for sql: writes go to a"
                  + " sandbox's branch of it")
          .contains("in a read-only transaction (SQLSTATE 25006)");
    }
    // the same from a run against a sandbox that names the baseline
    StepResult named =
        sql("pr-7", "{database: orders, sandbox: baseline, query: 'UPDATE orders SET total = 0'}");
    assertThat(named.message()).contains("cannot execute UPDATE in a read-only transaction");

    assertThat(POSTGRES.number(baseline, "SELECT count(*) FROM orders WHERE id = 200")).isZero();
    assertThat(POSTGRES.number(baseline, "SELECT count(*) FROM orders WHERE id = 1")).isOne();
    assertThat(POSTGRES.number(baseline, "SELECT count(*) FROM orders WHERE total = 0")).isZero();
    assertThat(
            POSTGRES.number(baseline, "SELECT count(*) FROM pg_tables WHERE tablename = 'sneaky'"))
        .isZero();
  }

  @Test
  void aSecondStatementThatWouldLeaveTheReadOnlyTransactionIsRefusedBeforeItRuns()
      throws SQLException {
    StepResult step =
        sql(
            null,
            "{database: orders, query: 'COMMIT; INSERT INTO orders (id, customer) VALUES (201,"
                + " ''eve'')'}");

    assertThat(step.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step.message())
        .endsWith(
            "with.query: 2 statements (expected: one; run each in a step of its own, or join"
                + " them in one statement such as WITH ... INSERT)");
    assertThat(POSTGRES.number(baseline, "SELECT count(*) FROM orders WHERE id = 201")).isZero();
    // a semicolon inside a string or a comment is no second statement
    StepResult one = sql(null, "{database: orders, query: 'SELECT '';'' AS semi; -- one; more\n'}");
    assertThat(one.verdict()).as(one.message()).isEqualTo(Verdict.PASS);
    assertThat(rows(one)).containsExactly(Map.of("semi", ";"));
  }

  @Test
  void aSandboxWithoutABranchIsRefusedInsteadOfAnsweredFromTheBaseline() {
    StepResult step = sql("pr-8", "{database: orders, query: 'SELECT count(*) FROM orders'}");

    assertThat(step.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step.outputs()).isEmpty();
    assertThat(step.message())
        .contains(
            "with.sandbox: sandbox 'pr-8' has no branch of database 'orders', so the statement"
                + " would run on the baseline's database, which sql never does in a sandbox's name"
                + " (create the sandbox with a branch: databases: {orders: copy}, or --branch"
                + " orders; or read the baseline with sandbox: baseline)");
  }

  @Test
  void aBadQueryCarriesPostgresMessageAndSqlstate() {
    StepResult step = sql("pr-7", "{database: orders, query: 'SELECT nope FROM orders'}");

    assertThat(step.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step.message())
        .isEqualTo(
            "step 'q' (sql): database 'orders' (the branch "
                + branch
                + " of sandbox pr-7): ERROR: column \"nope\" does not exist; hint: Perhaps you"
                + " meant to reference the column \"orders.note\". (SQLSTATE 42703, at character"
                + " 8)");
  }

  @Test
  void maxRowsBoundsTheRowsReadAndSaysWhenThereWereMore() {
    String query = "query: 'SELECT g FROM generate_series(1, 50) g'";

    StepResult cut = sql(null, "{database: orders, maxRows: 10, " + query + "}");
    StepResult all = sql(null, "{database: orders, maxRows: 50, " + query + "}");

    assertThat(rows(cut)).hasSize(10).first().isEqualTo(Map.of("g", 1L));
    assertThat(cut.outputs()).containsEntry("rowCount", 10L).containsEntry("truncated", true);
    assertThat(cut.message())
        .isEqualTo(
            "10 row(s) (truncated: more than maxRows 10) from database 'orders' (the baseline's)");
    assertThat(all.outputs()).containsEntry("rowCount", 50L).containsEntry("truncated", false);
  }

  @Test
  void anUnknownDatabaseAndAMissingParamAreNamedAtTheirField() {
    StepResult unknown = sql(null, "{database: billing, query: 'SELECT 1'}");
    StepResult missing =
        sql(null, "{database: orders, query: 'SELECT * FROM orders WHERE id = ?'}");

    assertThat(unknown.message())
        .endsWith(
            "with.database: 'billing' is no database of environment 'loopback' (declare it under"
                + " databases: in prooflane.yaml, with a postgres: section)");
    assertThat(missing.message())
        .endsWith(
            "with.params: 0 value(s) for 1 ? in the query (expected: one value per ?, in order)");
  }

  @Test
  void everyStatementCountsAsARequestOfThePolicyAndTheActionCanBeDisabled() {
    Policy oneRequest =
        PolicyReader.parse(
            "one.yaml", "limits: {requestsPerRun: 1}", ActionCatalog.builtIn().names());
    Policy noSql =
        PolicyReader.parse(
            "no-sql.yaml", "actions: {enabled: [http, check]}", ActionCatalog.builtIn().names());
    String twoReads =
        """
        name: two
        description: d
        whenToUse: w
        steps:
          - id: first
            action: sql
            with: {database: orders, query: SELECT 1}
          - id: second
            action: sql
            with: {database: orders, query: SELECT 2}
        """;

    RunResult limited =
        SkillRuns.run(oneRequest, env, "pr-7", Map.of(), SkillRuns.parse("two", twoReads));
    RunResult disabled =
        SkillRuns.run(noSql, env, "pr-7", Map.of(), SkillRuns.parse("two", twoReads));

    assertThat(SkillRuns.step(limited, "first").verdict()).isEqualTo(Verdict.PASS);
    assertThat(SkillRuns.step(limited, "second").message())
        .contains("POST sql would be request 2 of the run, over the limit of 1");
    assertThat(SkillRuns.step(disabled, "first").message())
        .contains("uses action 'sql', which is not enabled");
  }

  private StepResult sql(String sandbox, String with) {
    RunResult r = SkillRuns.run(env, sandbox, Map.of(), SkillRuns.oneStep("q", "sql", with));
    return SkillRuns.step(r, "q");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(StepResult step) {
    return (List<Map<String, Object>>) step.outputs().get("rows");
  }
}
