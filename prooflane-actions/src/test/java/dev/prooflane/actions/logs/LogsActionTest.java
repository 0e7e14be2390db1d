package dev.prooflane.actions.logs;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static dev.prooflane.actions.testing.SkillRuns.run;
import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import dev.prooflane.runtime.LogEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogsActionTest {
  private static final String HEADER =
      """
      name: %s
      description: d
      whenToUse: w
      steps:
      """;

  private LoopbackEnvironment env;

  @BeforeEach
  void start() throws Exception {
    env =
        new LoopbackEnvironment()
            .service(
                "orders",
                (req, log) -> {
                  log.out("baseline handled " + req.path());
                  return Reply.text(200, "ok");
                });
    env.sandbox(
        "sbx",
        "key1",
        Map.of(
            "orders",
            (req, log) -> {
              log.out("fork handled " + req.path());
              if (req.path().equals("/bad")) {
                log.err("ERROR payment declined for order 42");
              }
              return Reply.text(200, "ok");
            }));
    env.log("orders@baseline", "stdout", "written before the run");
  }

  @AfterEach
  void close() {
    env.close();
  }

  private RunResult runSteps(String sandbox, String steps) {
    return run(env, sandbox, Map.of(), parse("logs", HEADER.formatted("logs") + steps));
  }

  @Test
  void capturesTheForkOnlyWhenTheRunTargetsTheSandbox() {
    RunResult r =
        runSteps(
            "sbx",
            """
              - id: keyed
                action: http
                with: { service: orders, path: /one }
              - id: unkeyed
                action: http
                with: { service: orders, path: /two, inject: false }
              - id: log
                action: logs
                with: { service: orders, contains: fork handled /one, notContains: baseline }
            """);
    StepResult log = step(r, "log");
    assertThat(log.verdict()).as(log.message()).isEqualTo(Verdict.PASS);
    assertThat(log.outputs().get("lines")).isEqualTo(List.of("fork handled /one"));
    assertThat(log.outputs().get("instance")).isEqualTo("sbx");
    assertThat(log.logs())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.instance()).isEqualTo("sbx");
              assertThat(l.lines()).extracting(LogEntry::text).containsExactly("fork handled /one");
            });
    // the baseline did write during the run, but is not what this run validates
    assertThat(env.logsSince("orders", java.util.Optional.empty(), 0))
        .extracting(LogEntry::text)
        .contains("baseline handled /two");
  }

  @Test
  void readsOneStepOrTheWholeRun() {
    RunResult r =
        runSteps(
            "sbx",
            """
              - id: first
                action: http
                with: { service: orders, path: /first }
              - id: second
                action: http
                with: { service: orders, path: /second }
              - id: during_first
                action: logs
                with: { service: orders, during: first }
              - id: whole_run
                action: logs
                with: { service: orders }
              - id: baseline_run
                action: logs
                with: { service: orders, instance: baseline }
            """);
    assertThat(step(r, "during_first").outputs().get("lines"))
        .isEqualTo(List.of("fork handled /first"));
    assertThat(step(r, "whole_run").outputs().get("lines"))
        .isEqualTo(List.of("fork handled /first", "fork handled /second"));
    assertThat(step(r, "whole_run").outputs().get("count")).isEqualTo(2L);
    // lines written before the run are not the run's
    assertThat(step(r, "baseline_run").outputs().get("lines")).isEqualTo(List.of());
  }

  @Test
  void notContainsFailsListingTheOffendingLine() {
    RunResult r =
        runSteps(
            "sbx",
            """
              - id: order
                action: http
                with: { service: orders, path: /bad }
              - id: log
                action: logs
                with:
                  service: orders
                  contains: [ "fork handled", "/order \\\\d+ shipped/" ]
                  notContains: [ "/ERROR|Exception/", "timeout" ]
            """);
    StepResult log = step(r, "log");
    assertThat(log.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(log.assertions())
        .extracting(Assertion::path, Assertion::passed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("contains fork handled", true),
            org.assertj.core.groups.Tuple.tuple("contains /order \\d+ shipped/", false),
            org.assertj.core.groups.Tuple.tuple("notContains /ERROR|Exception/", false),
            org.assertj.core.groups.Tuple.tuple("notContains timeout", true));
    Assertion offending = log.assertions().get(2);
    assertThat(offending.message()).contains("first: ERROR payment declined for order 42");
    assertThat(offending.actual()).isEqualTo(List.of("ERROR payment declined for order 42"));
    assertThat(log.message()).contains("ERROR payment declined for order 42");
    assertThat(log.outputs().get("matched"))
        .isEqualTo(
            Map.of(
                "fork handled", List.of("fork handled /bad"),
                "/order \\d+ shipped/", List.of(),
                "/ERROR|Exception/", List.of("ERROR payment declined for order 42"),
                "timeout", List.of()));
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void filtersByStreamAndKeepsTheLatestLines() {
    RunResult r =
        runSteps(
            "sbx",
            """
              - id: a
                action: http
                with: { service: orders, path: /bad }
              - id: b
                action: http
                with: { service: orders, path: /b }
              - id: errors
                action: logs
                with: { service: orders, stream: stderr }
              - id: latest
                action: logs
                with: { service: orders, max: 1 }
            """);
    assertThat(step(r, "errors").outputs().get("lines"))
        .isEqualTo(List.of("ERROR payment declined for order 42"));
    assertThat(step(r, "latest").outputs().get("lines")).isEqualTo(List.of("fork handled /b"));
    assertThat(step(r, "latest").outputs().get("count")).isEqualTo(3L);
  }

  @Test
  void refusesTheSandboxInstanceInABaselineRun() {
    RunResult r =
        runSteps(
            null,
            """
              - id: log
                action: logs
                with: { service: orders, instance: sandbox }
              - id: missing_step
                action: logs
                always: true
                with: { service: orders, during: nope }
            """);
    assertThat(step(r, "log").verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step(r, "log").message())
        .contains("with.instance")
        .contains("the run targets the baseline");
    assertThat(step(r, "missing_step").message()).contains("no earlier step 'nope'");
  }
}
