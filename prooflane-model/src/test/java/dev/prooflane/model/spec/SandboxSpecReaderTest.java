package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.BranchMode;
import dev.prooflane.model.BranchRequest;
import dev.prooflane.model.DatabaseInit;
import dev.prooflane.model.SandboxSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxSpecReaderTest {
  @Test
  void readsForksWithChanges() {
    SandboxSpec spec =
        SandboxSpecReader.parse(
            "sbx.yaml",
            """
            name: pr-42
            routingKey: k7q2m9x4z1ab
            ttl: 1h30m
            labels: {team: pricing}
            forks:
              - service: pricing
                command: java -cp shop.jar PricingDiscountMain
                env: {DISCOUNT: "10"}
                envRemove: [DEBUG]
            """);
    assertThat(spec.name()).isEqualTo("pr-42");
    assertThat(spec.routingKey())
        .hasValueSatisfying(k -> assertThat(k.value()).isEqualTo("k7q2m9x4z1ab"));
    assertThat(spec.ttl()).contains(Duration.ofMinutes(90));
    assertThat(spec.forks().get(0).command().orElseThrow()).endsWith("PricingDiscountMain");
    assertThat(spec.forks().get(0).env()).containsEntry("DISCOUNT", "10");
    assertThat(spec.forks().get(0).envRemove()).containsExactly("DEBUG");
  }

  @Test
  void badKeyAndNameAreLocated() {
    assertThatThrownBy(
            () ->
                SandboxSpecReader.parse(
                    "sbx.yaml",
                    """
                    name: PR_42
                    routingKey: "bad key\\r\\nx: y"
                    forks:
                      - {service: pricing, ttl: 2h}
                    """))
        .hasMessageContaining("sbx.yaml:1:")
        .hasMessageContaining("sbx.yaml:2:")
        .hasMessageContaining("routingKey")
        .hasMessageContaining("forks[0].ttl");
  }

  @Test
  void recordLevelProblemsAreLocatedToo() {
    assertProblem("name: pr-42\nforks: []\n", 2, "forks", "no forks");
    assertProblem("name: pr-42\nforks: ~\n", 2, "forks", "no forks");
    assertProblem("name: pr-42\nttl: 0s\nforks: [{service: pricing}]\n", 2, "ttl", "more than 0");
    assertProblem(
        "name: pr-42\nforks:\n  - {service: pricing}\n  - {service: pricing}\n",
        4,
        "forks[1]",
        "forked twice");
    assertProblem("name: pr-42\nforks: [{service: ''}]\n", 2, "forks[0].service", "empty");
  }

  @Test
  void acceptsLabelsUpToTheLimits() {
    StringBuilder text = new StringBuilder("name: pr-42\nforks: [{service: pricing}]\nlabels:\n");
    for (int i = 0; i < 63; i++) {
      text.append("  label-").append(i).append(": v\n");
    }
    text.append("  ").append("n".repeat(63)).append(": ").append("v".repeat(256)).append('\n');

    SandboxSpec spec = SandboxSpecReader.parse("sbx.yaml", text.toString());

    assertThat(spec.labels()).hasSize(64).containsEntry("n".repeat(63), "v".repeat(256));
  }

  @Test
  void boundsLabelsInNumberAndSize() {
    StringBuilder many = new StringBuilder("name: pr-42\nforks: [{service: pricing}]\nlabels:\n");
    for (int i = 0; i < 65; i++) {
      many.append("  label-").append(i).append(": v\n");
    }
    assertProblem(many.toString(), 4, "labels", "65 labels (expected: at most 64");
    assertProblem(
        "name: pr-42\nforks: [{service: pricing}]\nlabels:\n  " + "n".repeat(64) + ": v\n",
        4,
        "labels",
        "label name '" + "n".repeat(63) + "...' has 64 characters (expected: 1 to 63)");
    assertProblem(
        "name: pr-42\nforks: [{service: pricing}]\nlabels: {'': v}\n",
        3,
        "labels",
        "label name '' has 0 characters (expected: 1 to 63)");
    assertProblem(
        "name: pr-42\nforks: [{service: pricing}]\nlabels:\n  team: " + "v".repeat(257) + "\n",
        4,
        "labels.team",
        "257 characters (expected: a label value of at most 256 characters)");
  }

  @Test
  void readsTheBranchesOfItsDatabasesWithTheirModesAndMigrations() {
    SandboxSpec spec =
        SandboxSpecReader.parse(
            "sbx.yaml",
            """
            name: pr-7
            forks: [{service: reviews}]
            databases:
              reviews: {mode: copy, migrate: [sql/reviews-v2.sql, sql/more.sql]}
              audit: schema
              cache:
              stock: {migrate: {command: java -jar flyway.jar migrate, env: {FLYWAY_X: "1"}}}
            """);

    assertThat(spec.databases())
        .containsEntry(
            "reviews",
            new BranchRequest(BranchMode.COPY, List.of("sql/reviews-v2.sql", "sql/more.sql")))
        .containsEntry("audit", new BranchRequest(BranchMode.SCHEMA, List.of()))
        .containsEntry("cache", BranchRequest.COPY)
        .containsEntry(
            "stock",
            new BranchRequest(
                BranchMode.COPY,
                List.of(),
                List.of("java", "-jar", "flyway.jar", "migrate"),
                Map.of("FLYWAY_X", "1")));
    assertThat(spec.databases().get("reviews").migration(Path.of("/srv/shop")))
        .isEqualTo(
            new DatabaseInit.SqlFiles(
                List.of(
                    Path.of("/srv/shop/sql/reviews-v2.sql"), Path.of("/srv/shop/sql/more.sql"))));
    assertThat(SandboxSpecReader.parse("sbx.yaml", "name: a\nforks: [{service: x}]\n").databases())
        .isEmpty();
  }

  @Test
  void badBranchRequestsAreLocated() {
    String head = "name: pr-7\nforks: [{service: reviews}]\ndatabases:\n";
    assertProblem(
        head + "  reviews: fork\n", 4, "databases.reviews", "expected: one of copy, schema, empty");
    assertProblem(head + "  reviews: {mode: clone}\n", 4, "databases.reviews.mode", "'clone'");
    assertProblem(head + "  Reviews: copy\n", 4, "databases.Reviews", "database name 'Reviews'");
    assertProblem(head + "  reviews: {mod: copy}\n", 4, "databases.reviews.mod", "unknown field");
    assertProblem(
        head + "  reviews: {migrate: {env: {A: b}}}\n",
        4,
        "databases.reviews.migrate",
        "missing field 'command'");
    assertProblem(
        head + "  reviews: {migrate: ['']}\n", 4, "databases.reviews.migrate[0]", "empty");
  }

  private static void assertProblem(String text, int line, String field, String message) {
    assertThatThrownBy(() -> SandboxSpecReader.parse("sbx.yaml", text))
        .isInstanceOfSatisfying(
            dev.prooflane.model.SpecException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.line()).isEqualTo(line);
                          assertThat(p.field()).isEqualTo(field);
                          assertThat(p.message()).contains(message);
                        }));
  }
}
