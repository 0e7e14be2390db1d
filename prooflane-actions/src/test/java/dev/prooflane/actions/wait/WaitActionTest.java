package dev.prooflane.actions.wait;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static dev.prooflane.actions.testing.SkillRuns.run;
import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitActionTest {
  private final AtomicInteger calls = new AtomicInteger();
  private LoopbackEnvironment env;

  @BeforeEach
  void start() throws Exception {
    env =
        new LoopbackEnvironment()
            .service(
                "orders",
                (req, log) ->
                    calls.incrementAndGet() < 3
                        ? Reply.json(200, "{\"status\": \"PENDING\"}")
                        : Reply.json(200, "{\"status\": \"SHIPPED\"}"))
            .service("stuck", (req, log) -> Reply.json(503, "{\"status\": \"DOWN\"}"));
  }

  @AfterEach
  void close() {
    env.close();
  }

  private StepResult waitStep(String with, String timeout) {
    return step(
        run(
            env,
            null,
            Map.of(),
            parse(
                "wait",
                """
                name: wait
                description: d
                whenToUse: w
                steps:
                  - id: shipped
                    action: wait
                    timeout: %s
                    with:
                %s
                """
                    .formatted(timeout, with.indent(6)))),
        "shipped");
  }

  @Test
  void holdsAfterSomeAttempts() {
    StepResult s =
        waitStep(
            """
            action: http
            with: { service: orders, path: /orders/1 }
            until: ${{ result.outputs.body.status == "SHIPPED" && result.verdict == "PASS" }}
            interval: 10ms
            """,
            "10s");
    assertThat(s.verdict()).as(s.message()).isEqualTo(Verdict.PASS);
    assertThat(s.outputs().get("attempts")).isEqualTo(3L);
    assertThat(s.outputs().get("held")).isEqualTo(true);
    assertThat(s.outputs().get("result"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("body", Map.of("status", "SHIPPED"));
    assertThat(s.exchanges()).hasSize(1);
    assertThat(calls).hasValue(3);
  }

  @Test
  void failsAfterItsAttemptsNamingTheLastResult() {
    StepResult s =
        waitStep(
            """
            action: http
            with: { service: stuck }
            until: ${{ result.outputs.status == 200 }}
            interval: 10ms
            attempts: 4
            """,
            "10s");
    assertThat(s.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(s.outputs().get("attempts")).isEqualTo(4L);
    assertThat(s.message())
        .contains("did not hold after 4 attempt(s)")
        .contains("status=503")
        .contains("DOWN");
    assertThat(env.received("stuck")).hasSize(4);
  }

  @Test
  void stopsWithinTheStepTimeRatherThanTimingOut() {
    StepResult s =
        waitStep(
            """
            action: http
            with: { service: stuck }
            until: ${{ result.outputs.status == 200 }}
            interval: 200ms
            attempts: 1000
            """,
            "2s");
    // FAIL with its own message, not ERROR "timed out": it stopped asking before the step's time
    // ran out. How many attempts fit depends on the machine (a busy one fits fewer), never more
    // than the interval allows.
    assertThat(s.verdict()).as(s.message()).isEqualTo(Verdict.FAIL);
    assertThat(s.message()).startsWith("did not hold after ");
    assertThat((Long) s.outputs().get("attempts")).isBetween(1L, 10L);
    assertThat(s.durationMillis()).isLessThan(2000);
  }

  @Test
  void reportsAConditionThatIsNotABoolean() {
    StepResult s =
        waitStep(
            """
            action: http
            with: { service: orders }
            until: ${{ result.outputs.status }}
            """,
            "10s");
    assertThat(s.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(s.message()).contains("with.until: expected true or false, got 200");
  }
}
