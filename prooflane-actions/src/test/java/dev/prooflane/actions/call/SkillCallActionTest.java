package dev.prooflane.actions.call;

import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import dev.prooflane.actions.testing.SkillRuns;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SkillCallActionTest {
  private LoopbackEnvironment env;
  private SkillCatalog skills;

  @BeforeEach
  void start() throws Exception {
    env =
        new LoopbackEnvironment()
            .service(
                "pricing",
                (req, log) ->
                    Reply.json(200, "{\"price\": " + (req.path().endsWith("a1") ? 10 : 20) + "}"));
    env.sandbox(
        "sbx",
        "key1",
        Map.of(
            "pricing",
            (req, log) ->
                Reply.json(200, "{\"price\": " + (req.path().endsWith("a1") ? 10 : -5) + "}")));
    skills =
        SkillCatalog.load(
            List.of(Path.of("src/test/resources/skills/compose")), ActionCatalog.builtIn().names());
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void aSkillCallsAnotherAndItsOutputsFlowBack() {
    RunResult r = SkillRuns.run(env, skills, "cart-check", null, Map.of());
    assertThat(r.verdict()).as(r.message()).isEqualTo(Verdict.PASS);
    StepResult first = step(r, "first");
    assertThat(first.action()).isEqualTo("skill");
    assertThat(first.children())
        .extracting(StepResult::id)
        .containsExactly("first.quote", "first.positive");
    assertThat(first.outputs()).containsEntry("price", 10L).containsEntry("servedBy", "baseline");
    assertThat(step(r, "second.quote").outputs().get("url").toString()).endsWith("/quote/b2");
    assertThat(r.outputs()).containsEntry("total", 30L);
  }

  @Test
  void aFailingNestedStepFailsTheCallingStepAndTheRun() {
    RunResult r = SkillRuns.run(env, skills, "cart-check", "sbx", Map.of());
    StepResult second = step(r, "second");
    assertThat(step(r, "second.positive").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(second.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(second.message())
        .contains("skill 'price-check': FAIL at step 'second.positive'")
        .contains("the price must be positive");
    assertThat(step(r, "total").verdict()).isEqualTo(Verdict.SKIPPED);
    assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(step(r, "second.quote").outputs().get("servedBy")).isEqualTo("sbx");
  }

  @Test
  void refusesInputsTheCalledSkillDoesNotTake() {
    RunResult r =
        SkillRuns.run(
            env,
            null,
            Map.of(),
            SkillRuns.parse(
                "caller",
                """
                name: caller
                description: d
                whenToUse: w
                steps:
                  - id: call
                    action: skill
                    with: { name: price-check, inputs: { sku: a1, colour: red } }
                """),
            skills.get("price-check"));
    assertThat(step(r, "call").verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step(r, "call").message())
        .contains("skill 'price-check'")
        .contains("input 'colour': skill 'price-check' has no such input (it takes: sku)");
  }
}
