package dev.prooflane.actions.diff;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static dev.prooflane.actions.testing.SkillRuns.run;
import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiffActionTest {
  private static final String BASELINE =
      """
      {"sku": "a1", "price": 100, "quotedAt": "2026-11-26T10:00:00Z",
       "id": "3f2b6c1e-0d4a-4b7e-9f1a-2c3d4e5f6a7b",
       "items": [{"name": "pen", "requestId": "r-1", "meta": {"traceToken": "t-1"}}]}
      """;

  private LoopbackEnvironment env;

  @AfterEach
  void close() {
    env.close();
  }

  private void shop(String baselineBody, String forkBody) throws Exception {
    env = new LoopbackEnvironment().service("pricing", (req, log) -> Reply.json(200, baselineBody));
    env.sandbox("sbx", "key1", Map.of("pricing", (req, log) -> Reply.json(200, forkBody)));
  }

  private StepResult diff(String sandbox, String with) {
    RunResult r =
        run(
            env,
            sandbox,
            Map.of(),
            parse(
                "diff",
                """
                name: diff
                description: d
                whenToUse: w
                steps:
                  - id: diff
                    action: diff
                    with:
                      service: pricing
                      path: /quote
                %s
                """
                    .formatted(with.indent(6))));
    return step(r, "diff");
  }

  @Test
  void passesWhenBothAnswersAgreeAndKeepsBothExchanges() throws Exception {
    shop(BASELINE, BASELINE);
    StepResult d = diff("sbx", "");
    assertThat(d.verdict()).as(d.message()).isEqualTo(Verdict.PASS);
    assertThat(d.outputs().get("equal")).isEqualTo(true);
    assertThat(d.exchanges())
        .extracting(Exchange::label, Exchange::keyed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("sandbox", true),
            org.assertj.core.groups.Tuple.tuple("baseline", false));
    assertThat(env.received("pricing"))
        .extracting(dev.prooflane.actions.testing.Received::destination)
        // the third is the engine's unkeyed control request after the run
        .containsExactly("sbx", "baseline", "baseline");
    assertThat(d.outputs().get("sandbox"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("servedBy", "sbx");
  }

  @Test
  void failsOnAnyDifferenceByDefaultListingBothValues() throws Exception {
    shop(BASELINE, BASELINE.replace("\"price\": 100", "\"price\": 90").replace("pen", "ink"));
    StepResult d = diff("sbx", "");
    assertThat(d.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(d.outputs().get("differences"))
        .isEqualTo(
            List.of(
                Map.of("path", "$.price", "kind", "changed", "sandbox", 90L, "baseline", 100L),
                Map.of(
                    "path",
                    "$.items[0].name",
                    "kind",
                    "changed",
                    "sandbox",
                    "ink",
                    "baseline",
                    "pen")));
    assertThat(d.assertions())
        .extracting(Assertion::path)
        .containsExactly("$.price", "$.items[0].name");
    assertThat(d.message()).contains("$.price: changed (sandbox: 90, baseline: 100)");
  }

  @Test
  void ignoresDeclaredPathsIncludingWildcardsAndRecursiveDescent() throws Exception {
    String fork =
        BASELINE.replace("10:00:00Z", "10:00:05Z").replace("r-1", "r-2").replace("t-1", "t-2");
    shop(BASELINE, fork);
    assertThat(diff("sbx", "").verdict()).isEqualTo(Verdict.FAIL);

    StepResult d = diff("sbx", "ignore: [ $.quotedAt, \"$.items[*].requestId\", $..traceToken ]");
    assertThat(d.verdict()).as(d.message()).isEqualTo(Verdict.PASS);
    assertThat(d.outputs().get("equal")).isEqualTo(true);
    assertThat(d.outputs().get("ignored")).isEqualTo(3L);
  }

  @Test
  void blanksRegexNoiseBeforeComparing() throws Exception {
    String fork =
        BASELINE.replace(
            "3f2b6c1e-0d4a-4b7e-9f1a-2c3d4e5f6a7b", "00000000-1111-2222-3333-444444444444");
    shop(BASELINE, fork);
    StepResult noisy = diff("sbx", "");
    assertThat(noisy.outputs().get("differences"))
        .isEqualTo(
            List.of(
                Map.of(
                    "path",
                    "$.id",
                    "kind",
                    "changed",
                    "sandbox",
                    "00000000-1111-2222-3333-444444444444",
                    "baseline",
                    "3f2b6c1e-0d4a-4b7e-9f1a-2c3d4e5f6a7b")));

    StepResult d =
        diff(
            "sbx",
            "ignoreRegex: [ \"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\" ]");
    assertThat(d.verdict()).as(d.message()).isEqualTo(Verdict.PASS);
  }

  @Test
  void allowsOnlyTheDeclaredPathsToDiffer() throws Exception {
    shop(BASELINE, BASELINE.replace("\"price\": 100", "\"price\": 90"));
    StepResult allowed = diff("sbx", "allow: [ $.price ]");
    assertThat(allowed.verdict()).as(allowed.message()).isEqualTo(Verdict.PASS);
    assertThat(allowed.outputs().get("equal")).isEqualTo(false);
    env.close();

    shop(BASELINE, BASELINE.replace("\"price\": 100", "\"price\": 90").replace("a1", "b2"));
    StepResult d = diff("sbx", "allow: [ $.price ]");
    assertThat(d.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(d.assertions())
        .filteredOn(a -> !a.passed())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path()).isEqualTo("$.sku");
              assertThat(a.message()).contains("not in allow");
            });
  }

  @Test
  void expectDifferentFailsWhenTheChangeIsNotVisible() throws Exception {
    shop(BASELINE, BASELINE);
    StepResult same = diff("sbx", "expectDifferent: [ $.price ]");
    assertThat(same.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(same.message()).contains("$.price: expected to differ");
    env.close();

    shop(BASELINE, BASELINE.replace("\"price\": 100", "\"price\": 90"));
    StepResult visible = diff("sbx", "expectDifferent: [ $.price ]");
    assertThat(visible.verdict()).as(visible.message()).isEqualTo(Verdict.PASS);
    assertThat(visible.message()).contains("$.price");
  }

  @Test
  void comparesStatusAndTextBodiesLineByLine() throws Exception {
    env =
        new LoopbackEnvironment()
            .service("report", (req, log) -> Reply.text(200, "total: 3\nitems: 2\nend\n"));
    env.sandbox(
        "sbx",
        "key1",
        Map.of(
            "report", (req, log) -> Reply.text(201, "total: 3\nwarning: slow\nitems: 2\nend\n")));
    RunResult r =
        run(
            env,
            "sbx",
            Map.of(),
            parse(
                "text",
                """
                name: text
                description: d
                whenToUse: w
                steps:
                  - id: diff
                    action: diff
                    with: { service: report, allow: [status] }
                """));
    StepResult d = step(r, "diff");
    assertThat(d.outputs().get("differences"))
        .isEqualTo(
            List.of(
                Map.of("path", "status", "kind", "changed", "sandbox", 201L, "baseline", 200L),
                Map.of(
                    "path",
                    "line 2",
                    "kind",
                    "added",
                    "sandbox",
                    "warning: slow",
                    "baseline",
                    dev.cel.common.values.NullValue.NULL_VALUE)));
    assertThat(d.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(d.assertions())
        .filteredOn(a -> !a.passed())
        .extracting(Assertion::path)
        .containsExactly("line 2");
  }

  @Test
  void needsASandboxTarget() throws Exception {
    shop(BASELINE, BASELINE);
    StepResult d = diff(null, "");
    assertThat(d.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(d.message()).contains("diff needs --sandbox");
  }

  @Test
  void rejectsAMalformedPathNamingTheField() throws Exception {
    shop(BASELINE, BASELINE);
    StepResult d = diff("sbx", "ignore: [ price ]");
    assertThat(d.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(d.message()).contains("with.ignore: 'price'").contains("expected: a JSON path");
  }
}
