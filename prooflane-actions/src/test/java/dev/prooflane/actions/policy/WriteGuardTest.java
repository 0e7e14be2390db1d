package dev.prooflane.actions.policy;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static dev.prooflane.actions.testing.SkillRuns.run;
import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write guard, end to end: real requests through the loopback router, or none at all. */
class WriteGuardTest {
  private LoopbackEnvironment env;

  @BeforeEach
  void shop() throws Exception {
    env =
        new LoopbackEnvironment()
            .service("orders", (req, log) -> Reply.json(200, "{\"by\": \"baseline\"}"))
            .service("carts", (req, log) -> Reply.json(200, "{\"by\": \"baseline\"}"));
    env.sandbox(
        "sbx",
        "k7q2m9x4z1ab",
        Map.of("orders", (req, log) -> Reply.json(200, "{\"by\": \"fork\"}")));
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static Skill delete(String service, boolean inject) {
    return parse(
        "cancel",
        """
        name: cancel
        description: d
        whenToUse: w
        steps:
          - id: cancel
            action: http
            with: {service: %s, method: DELETE, path: "/orders/7?why=test", inject: %s}
        """
            .formatted(service, inject));
  }

  private static Policy policy(String yaml) {
    return PolicyReader.parse("policy.yaml", yaml, ActionCatalog.builtIn().names());
  }

  @Test
  void refusesADeleteAgainstTheBaselineNamingTheRuleAndSendsNothing() {
    RunResult r = run(env, null, Map.of(), delete("orders", true));
    StepResult cancel = step(r, "cancel");
    assertThat(cancel.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(cancel.message())
        .isEqualTo(
            "refused by policy writes: DELETE /orders/7 to the baseline service 'orders' is a"
                + " write without the routing key; allow it with writes.allow [{service: orders,"
                + " methods: [DELETE], path: /orders/7}] or run against a sandbox");
    assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(env.received("orders")).isEmpty();
  }

  @Test
  void allowsABaselineWriteThatAnAllowRuleMatches() {
    Policy p = policy("writes: {allow: [{service: orders, methods: [DELETE], path: /orders/*}]}");
    RunResult r = run(p, env, null, Map.of(), delete("orders", true));
    assertThat(step(r, "cancel").verdict()).isEqualTo(Verdict.PASS);
    assertThat(env.received("orders")).hasSize(1);
  }

  @Test
  void aRuleForAnotherMethodOrPathDoesNotAllowIt() {
    Policy p = policy("writes: {allow: [{service: orders, methods: [POST], path: /orders/*/x}]}");
    RunResult r = run(p, env, null, Map.of(), delete("orders", true));
    assertThat(step(r, "cancel").message())
        .startsWith("refused by policy writes: DELETE /orders/7");
    assertThat(env.received("orders")).isEmpty();
  }

  @Test
  void allowsAWriteKeyedToASandboxThatForksTheService() {
    RunResult r = run(env, "sbx", Map.of(), delete("orders", true));
    assertThat(step(r, "cancel").verdict()).isEqualTo(Verdict.PASS);
    assertThat(env.received("orders")).extracting(x -> x.destination()).containsExactly("sbx");
    // the control request would repeat the DELETE without the key: the guard keeps it off the
    // baseline
    assertThat(r.control()).isNull();
    assertThat(env.received("orders")).hasSize(1);
  }

  @Test
  void refusesAWriteSentWithoutTheKeyFromASandboxRun() {
    RunResult r = run(env, "sbx", Map.of(), delete("orders", false));
    assertThat(step(r, "cancel").message())
        .endsWith("or send it with the key (inject: true)")
        .startsWith("refused by policy writes: DELETE /orders/7 to the baseline service 'orders'");
    assertThat(env.received("orders")).isEmpty();
  }

  @Test
  void withForkedOnlyRefusesAKeyedWriteToAServiceTheSandboxDoesNotFork() {
    RunResult allowed = run(env, "sbx", Map.of(), delete("carts", true));
    assertThat(step(allowed, "cancel").verdict()).isEqualTo(Verdict.PASS);
    Policy p = policy("writes: {forkedOnly: true}");
    RunResult r = run(p, env, "sbx", Map.of(), delete("carts", true));
    assertThat(step(r, "cancel").message())
        .isEqualTo(
            "refused by policy writes: DELETE /orders/7 reaches the baseline service 'carts':"
                + " sandbox 'sbx' does not fork it and writes.forkedOnly is true; fork carts in the"
                + " sandbox or allow it with writes.allow [{service: carts, methods: [DELETE],"
                + " path: /orders/7}]");
    assertThat(env.received("carts")).hasSize(1);
  }

  @Test
  void readsAreNeverGuarded() {
    Skill get =
        parse(
            "get",
            """
            name: get
            description: d
            whenToUse: w
            steps:
              - {id: get, action: http, with: {service: orders, path: /orders/7}}
            """);
    assertThat(run(env, null, Map.of(), get).verdict()).isEqualTo(Verdict.PASS);
  }
}
