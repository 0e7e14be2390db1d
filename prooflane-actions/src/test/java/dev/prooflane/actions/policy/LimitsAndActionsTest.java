package dev.prooflane.actions.policy;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static dev.prooflane.actions.testing.SkillRuns.run;
import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.EngineOptions;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disabled actions and limits: checked before a step or request runs. */
class LimitsAndActionsTest {
  private LoopbackEnvironment env;

  @BeforeEach
  void start() throws Exception {
    env =
        new LoopbackEnvironment()
            .service("catalog", (req, log) -> Reply.text(200, "0123456789".repeat(10)));
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static Policy policy(String yaml) {
    return PolicyReader.parse("policy.yaml", yaml, ActionCatalog.builtIn().names());
  }

  private static Skill skill(String steps) {
    return parse("s", "name: s\ndescription: d\nwhenToUse: w\nsteps:\n" + steps);
  }

  @Test
  void aDisabledActionEndsTheStepWithErrorBeforeItRunsAndTellsTheListener() {
    Skill s =
        skill(
            """
              - {id: ok, action: check, with: {that: true}}
              - {id: get, action: http, with: {service: catalog, path: /}}
            """);
    List<String> refusals = new ArrayList<>();
    RunListener listener =
        new RunListener() {
          @Override
          public void policyRefused(String stepId, String rule, String message) {
            refusals.add(stepId + " " + rule);
          }
        };
    RunResult r;
    try (SkillEngine engine =
        new SkillEngine(
            ActionCatalog.builtIn(),
            SkillCatalog.of(List.of(s)),
            env,
            EngineOptions.DEFAULT,
            policy("actions: {enabled: [check]}"))) {
      r = engine.run(new RunRequest("s", Optional.empty(), Map.of()), listener);
    }
    assertThat(step(r, "ok").verdict()).isEqualTo(Verdict.PASS);
    StepResult get = step(r, "get");
    assertThat(get.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(get.message())
        .isEqualTo(
            "refused by policy actions.enabled: step 'get' uses action 'http', which is not"
                + " enabled (enabled: check); add it to actions.enabled in policy.yaml or use"
                + " another action");
    assertThat(env.received("catalog")).isEmpty();
    assertThat(refusals).containsExactly("get actions.enabled");
  }

  @Test
  void aDisabledActionInsideWaitIsAnErrorNotRetried() {
    Skill s =
        skill(
            """
              - id: poll
                action: wait
                with: {action: http, with: {service: catalog, path: /}, until: "${{ true }}", attempts: 5}
            """);
    RunResult r = run(policy("actions: {enabled: [wait]}"), env, null, Map.of(), s);
    assertThat(step(r, "poll").verdict()).isEqualTo(Verdict.ERROR);
    assertThat(step(r, "poll").message()).startsWith("refused by policy actions.enabled:");
    assertThat(env.received("catalog")).isEmpty();
  }

  @Test
  void refusesTheStepPastStepsPerRun() {
    Skill s =
        skill(
            """
              - {id: a, action: check, with: {that: true}}
              - {id: b, action: check, with: {that: true}}
              - {id: c, action: check, with: {that: true}}
            """);
    RunResult r = run(policy("limits: {stepsPerRun: 2}"), env, null, Map.of(), s);
    assertThat(step(r, "b").verdict()).isEqualTo(Verdict.PASS);
    assertThat(step(r, "c").message())
        .isEqualTo(
            "refused by policy limits.stepsPerRun: step 'c' would be step 3 of the run, over the"
                + " limit of 2; split the skill or raise limits.stepsPerRun");
    assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void refusesTheRequestPastRequestsPerRun() {
    Skill s =
        skill(
            """
              - {id: a, action: http, with: {service: catalog, path: /}}
              - {id: b, action: http, with: {service: catalog, path: /}}
            """);
    RunResult r = run(policy("limits: {requestsPerRun: 1}"), env, null, Map.of(), s);
    assertThat(step(r, "a").verdict()).isEqualTo(Verdict.PASS);
    assertThat(step(r, "b").message()).startsWith("refused by policy limits.requestsPerRun:");
    assertThat(env.received("catalog")).hasSize(1);
  }

  @Test
  void cutsResponseBodiesAtBytesPerResponse() {
    Skill s = skill("  - {id: a, action: http, with: {service: catalog, path: /}}\n");
    RunResult r = run(policy("limits: {bytesPerResponse: 16}"), env, null, Map.of(), s);
    StepResult a = step(r, "a");
    assertThat(a.outputs().get("truncated")).isEqualTo(true);
    assertThat((String) a.outputs().get("bodyText")).isEqualTo("0123456789012345");
    assertThat(a.exchanges().get(0).responseBody()).hasSize(16);
  }

  @Test
  void refusesAStepAskingForMoreTimeThanTheLimit() {
    Skill s = skill("  - {id: slow, action: check, timeout: 2m, with: {that: true}}\n");
    RunResult r = run(env, null, Map.of(), s);
    assertThat(step(r, "slow").message())
        .isEqualTo(
            "refused by policy limits.stepTimeout: step 'slow' asks for timeout 2m, more than the"
                + " limit of 30s; lower the step's timeout or raise limits.stepTimeout");
  }

  @Test
  void refusesANestedSkillThatIsNotAllowed() {
    Skill inner =
        parse(
            "inner",
            "name: inner\ndescription: d\nwhenToUse: w\nsteps:\n  - {id: x, action: check, with: {that: true}}\n");
    Skill outer = skill("  - {id: call, action: skill, with: {name: inner}}\n");
    RunResult r = run(policy("skills: {allow: [s]}"), env, null, Map.of(), outer, inner);
    assertThat(step(r, "call").message())
        .startsWith("refused by policy skills.allow: skill 'inner' is not allowed");
  }
}
