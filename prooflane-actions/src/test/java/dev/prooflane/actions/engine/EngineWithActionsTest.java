package dev.prooflane.actions.engine;

import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Received;
import dev.prooflane.actions.testing.Reply;
import dev.prooflane.actions.testing.SkillRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine with the built-in actions against a loopback environment: verdicts and evidence. */
class EngineWithActionsTest {
  private final AtomicBoolean propagate = new AtomicBoolean(true);
  private LoopbackEnvironment env;

  @BeforeEach
  void start() throws Exception {
    env = new LoopbackEnvironment();
    env.service(
            "storefront",
            (req, log) -> {
              Reply price = env.call("catalog", "/price/a1", req, propagate.get());
              return Reply.json(200, "{\"page\": \"home\", \"catalog\": " + price.body() + "}");
            })
        .service("catalog", (req, log) -> Reply.json(200, "{\"price\": 100}"))
        .service(
            "pricing",
            (req, log) ->
                Reply.json(200, "{\"price\": " + (req.path().endsWith("a1") ? 10 : 20) + "}"));
    env.sandbox(
        "shop", "key1", Map.of("catalog", (req, log) -> Reply.json(200, "{\"price\": 90}")));
    env.sandbox(
        "price", "key2", Map.of("pricing", (req, log) -> Reply.json(200, "{\"price\": 11}")));
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static SkillCatalog skills(String folder) {
    return SkillCatalog.load(
        List.of(Path.of("src/test/resources/skills", folder)), ActionCatalog.builtIn().names());
  }

  @Test
  void passingStepsAreInconclusiveWhenAServiceDropsTheKey() {
    propagate.set(false);
    RunResult dropped = SkillRuns.run(env, skills("coverage"), "storefront", "shop", Map.of());
    assertThat(dropped.steps()).extracting(StepResult::verdict).containsOnly(Verdict.PASS);
    assertThat(dropped.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(dropped.message()).contains("catalog").contains("'shop'");
    assertThat(dropped.coverage().exercised()).containsEntry("catalog", false);
    assertThat(step(dropped, "page").outputs().get("body").toString()).contains("price=100");

    propagate.set(true);
    RunResult kept = SkillRuns.run(env, skills("coverage"), "storefront", "shop", Map.of());
    assertThat(kept.verdict()).as(kept.message()).isEqualTo(Verdict.PASS);
    assertThat(kept.coverage().keyedHops())
        .anySatisfy(
            h -> {
              assertThat(h.service()).isEqualTo("catalog");
              assertThat(h.destination()).isEqualTo("shop");
            });
    assertThat(step(kept, "page").outputs().get("hops").toString())
        .contains("service=storefront")
        .contains("service=catalog, destination=shop");
  }

  @Test
  void theControlRequestRepeatsTheFirstKeyedRequestWithoutTheKey() {
    RunResult r =
        SkillRuns.run(
            SkillRuns.ALLOW_WRITES,
            env,
            "shop",
            Map.of(),
            SkillRuns.parse(
                "post",
                """
                name: post
                description: d
                whenToUse: w
                steps:
                  - id: post
                    action: http
                    with: { service: catalog, method: POST, path: "/price?sku=a1", body: { q: 1 } }
                """));
    assertThat(r.control()).isNotNull();
    assertThat(r.control().label()).isEqualTo("control");
    assertThat(r.control().keyed()).isFalse();
    List<Received> got = env.received("catalog");
    assertThat(got).hasSize(2);
    assertThat(got.get(1).destination()).isEqualTo("baseline");
    assertThat(got.get(1).query()).isEqualTo("sku=a1");
    assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
    assertThat(got.get(1).header("content-type")).isEqualTo("application/json");
  }

  @Test
  void locatesExpressionErrorsInStepMessages() {
    RunResult r = SkillRuns.run(env, skills("compose"), "cel-error", null, Map.of());
    StepResult wrong = step(r, "wrong");
    assertThat(wrong.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(wrong.message())
        .contains("cel-error.yaml:11 steps[1].with.that")
        .contains("steps.quote.outputs.body.missing")
        .contains("key 'missing' is not present");
    assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void givesTheSameVerdictsOnRepeatedRuns() {
    SkillCatalog skills = skills("compose");
    List<List<Object>> outcomes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RunResult r = SkillRuns.run(env, skills, "cart-check", "price", Map.of());
      List<Object> outcome = new ArrayList<>();
      outcome.add(r.verdict());
      outcome.add(r.outputs());
      for (StepResult s : SkillEngine.flatten(r.steps())) {
        outcome.add(s.id() + " " + s.verdict());
        s.assertions().stream().map(Assertion::passed).forEach(outcome::add);
      }
      outcomes.add(outcome);
    }
    assertThat(outcomes.get(0)).contains(Verdict.FAIL, "second.positive PASS", "total FAIL");
    assertThat(outcomes).allSatisfy(o -> assertThat(o).isEqualTo(outcomes.get(0)));
  }
}
