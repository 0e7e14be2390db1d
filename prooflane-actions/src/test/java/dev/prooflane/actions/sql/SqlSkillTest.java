package dev.prooflane.actions.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.SkillRuns;
import dev.prooflane.actions.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A skill file, as users write one, that writes on the sandbox's branch with {@code sql}, reads it
 * back, checks the rows with {@code check} and reads the baseline's database to prove it untouched.
 */
class SqlSkillTest {
  private static final String SKILL =
      """
      name: refund-recorded
      version: 1
      description: A refund written on the sandbox's branch is there, and the baseline has none.
      whenToUse: After changing how refunds are stored.
      inputs:
        orderId: {type: integer, default: 7}
      steps:
        - id: refund
          action: sql
          with:
            database: orders
            query: INSERT INTO refunds (order_id, amount) VALUES (?, ?)
            params: ["${{ inputs.orderId }}", 12.5]
        - id: recorded
          action: sql
          with:
            database: orders
            query: SELECT order_id, amount, created IS NOT NULL AS dated FROM refunds WHERE order_id = ?
            params: ["${{ inputs.orderId }}"]
        - id: one_refund
          action: check
          with:
            that: >-
              ${{ steps.refund.outputs.updated == 1 && steps.recorded.outputs.rowCount == 1
                  && steps.recorded.outputs.rows[0].amount == 12.5
                  && steps.recorded.outputs.rows[0].dated }}
            message: the refund is on the branch
        - id: baseline
          action: sql
          with:
            database: orders
            sandbox: baseline
            query: SELECT count(*) AS n FROM refunds
        - id: baseline_untouched
          action: check
          with:
            that: ${{ steps.baseline.outputs.rows[0].n == 0 }}
            message: the baseline has no refund
      outputs:
        refunds: ${{ steps.recorded.outputs.rows }}
      """;

  @TempDir Path skills;

  @Test
  void aSkillWritesOnTheBranchAndChecksTheRowsWhileTheBaselineStaysUntouched() throws Exception {
    TestPostgres postgres = TestPostgres.shared();
    String baseline =
        postgres.createDatabase(
            "shop",
            "CREATE TABLE refunds (order_id int, amount numeric(8,2), created timestamptz"
                + " DEFAULT now())");
    String branch = postgres.copy(baseline, "shop__pr_9");
    Files.writeString(skills.resolve("refund-recorded.yaml"), SKILL);
    SkillCatalog catalog = SkillCatalog.load(List.of(skills), ActionCatalog.builtIn().names());

    RunResult r;
    try (LoopbackEnvironment env =
        new LoopbackEnvironment()
            .sandbox("pr-9", "k-pr9", Map.of())
            .database("orders", postgres.login(baseline, false))
            .branch("pr-9", "orders", postgres.login(branch, true))) {
      r = SkillRuns.run(env, catalog, "refund-recorded", "pr-9", Map.of("orderId", 42L));
    }

    assertThat(r.steps())
        .allSatisfy(
            s -> assertThat(s.verdict()).as(s.id() + ": " + s.message()).isEqualTo(Verdict.PASS));
    assertThat(r.outputs().get("refunds"))
        .isEqualTo(List.of(Map.of("order_id", 42L, "amount", 12.5, "dated", true)));
    assertThat(postgres.number(branch, "SELECT count(*) FROM refunds WHERE order_id = 42")).isOne();
    assertThat(postgres.number(baseline, "SELECT count(*) FROM refunds")).isZero();
  }
}
