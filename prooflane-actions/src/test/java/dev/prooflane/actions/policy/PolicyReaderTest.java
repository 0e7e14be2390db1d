package dev.prooflane.actions.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyReaderTest {
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();

  static final String FULL =
      """
      actions:
        enabled: [http, check, schema, logs]
      skills:
        allow: [product-contract, "label:area=shop"]
      writes:
        forkedOnly: true
        allow:
          - {service: orders, methods: [POST], path: /orders}
          - {service: carts, methods: [PUT, DELETE], path: "/carts/*"}
      http:
        allow:
          - rates.partner.example
          - {host: "*.hooks.example", ports: [443], methods: [GET, POST]}
        privateNetworks: [10.20.0.0/16]
      limits:
        stepsPerRun: 50
        requestsPerRun: 80
        bytesPerResponse: 64KiB
        runDuration: 5m
        stepTimeout: 20s
        concurrentRuns: 4
      sandboxes:
        perOwner: 3
        total: 20
        maxTtl: 8h
      forks:
        commands:
          - "java ** -cp target/*.jar dev.prooflane.examples.shop.*"
          - [sh, "${dir}/scripts/*.sh"]
        artifacts: [target, /srv/ci/builds]
        env: [LOG_LEVEL, "FEATURE_*"]
        args: false
      redact:
        headers: [X-Session]
        patterns: ['tok_[0-9a-f]{16}']
      """;

  @Test
  void readsEveryField() {
    Policy p = PolicyReader.parse("policy.yaml", FULL, ACTIONS);
    assertThat(p.enabled("http")).isTrue();
    assertThat(p.enabled("diff")).isFalse();
    assertThat(p.allowedSkills().orElseThrow()).hasSize(2);
    assertThat(p.writes().forkedOnly()).isTrue();
    assertThat(p.writes().allow().get(1).allows("carts", "DELETE", "/carts/7")).isTrue();
    assertThat(p.writes().allow().get(1).allows("carts", "DELETE", "/carts/7/items")).isFalse();
    assertThat(p.limits())
        .isEqualTo(new Limits(50, 80, 65536, Duration.ofMinutes(5), Duration.ofSeconds(20), 4));
    assertThat(p.egress().allow())
        .containsExactly(
            new HostRule("rates.partner.example", Set.of(), Set.of()),
            new HostRule("*.hooks.example", Set.of(443), Set.of("GET", "POST")));
    assertThat(p.egress().privateNetworks()).containsExactly(Cidr.parse("10.20.0.0/16"));
    assertThat(p.sandboxes())
        .isEqualTo(new SandboxQuota(3, 20, java.util.Optional.of(Duration.ofHours(8))));
    assertThat(p.redactor().text("x-session: abc tok_0123456789abcdef"))
        .isEqualTo("x-session: [redacted]");
    assertThat(p.redactor().text("id tok_0123456789abcdef.")).isEqualTo("id [redacted].");
  }

  @Test
  void theDefaultAllowsEverythingButUnkeyedWritesWithTheDefaultLimits() {
    Policy p = PolicyReader.parse("empty.yaml", "{}", ACTIONS);
    assertThat(p.enabledActions()).isEmpty();
    assertThat(p.allowedSkills()).isEmpty();
    assertThat(p.writes()).isEqualTo(WriteGuard.DEFAULT);
    assertThat(p.limits()).isEqualTo(Limits.DEFAULT);
    p.checkSkill("anything", Map.of());
  }

  @Test
  void reportsEveryProblemWithFileLineFieldAndFix() {
    String bad =
        """
        actions:
          enabled: [http, htp]
        skills:
          allow: ["label:"]
        writes:
          forkedOnly: maybe
          allow:
            - {methods: [GET], path: orders}
        limits:
          stepsPerRun: 0
          bytesPerResponse: lots
          runDuration: soon
          stepTimout: 5s
        redact:
          patterns: ['([a-z']
        """;
    assertThatThrownBy(() -> PolicyReader.parse("policy.yaml", bad, ACTIONS))
        .isInstanceOf(SpecException.class)
        .satisfies(
            e -> {
              List<SpecProblem> problems = ((SpecException) e).problems();
              assertThat(problems)
                  .extracting(SpecProblem::line, SpecProblem::field)
                  .contains(
                      org.assertj.core.groups.Tuple.tuple(2, "actions.enabled[1]"),
                      org.assertj.core.groups.Tuple.tuple(4, "skills.allow[0]"),
                      org.assertj.core.groups.Tuple.tuple(6, "writes.forkedOnly"),
                      org.assertj.core.groups.Tuple.tuple(8, "writes.allow[0]"),
                      org.assertj.core.groups.Tuple.tuple(8, "writes.allow[0].methods[0]"),
                      org.assertj.core.groups.Tuple.tuple(8, "writes.allow[0].path"),
                      org.assertj.core.groups.Tuple.tuple(10, "limits.stepsPerRun"),
                      org.assertj.core.groups.Tuple.tuple(11, "limits.bytesPerResponse"),
                      org.assertj.core.groups.Tuple.tuple(12, "limits.runDuration"),
                      org.assertj.core.groups.Tuple.tuple(13, "limits.stepTimout"),
                      org.assertj.core.groups.Tuple.tuple(15, "redact.patterns[0]"));
              assertThat(e.getMessage())
                  .contains("policy.yaml:2:")
                  .contains("unknown action 'htp' (known: check, diff, grpc, http")
                  .contains("missing field 'service'")
                  .contains("'GET' is not a write (expected: POST, PUT, PATCH or DELETE)")
                  .contains("did you mean 'stepTimeout'?")
                  .contains("invalid regular expression");
            });
  }

  @Test
  void readsTheForksSection() {
    ForkRules forks = PolicyReader.parse("policy.yaml", FULL, ACTIONS).forks();

    assertThat(forks.commands())
        .extracting(CommandRule::toString)
        .containsExactly(
            "java ** -cp target/*.jar dev.prooflane.examples.shop.*", "sh ${dir}/scripts/*.sh");
    assertThat(forks.artifacts()).containsExactly("target", "/srv/ci/builds");
    assertThat(forks.env()).containsExactly("LOG_LEVEL", "FEATURE_*");
    assertThat(forks.args()).isFalse();
    assertThat(PolicyReader.parse("empty.yaml", "{}", ACTIONS).forks())
        .isEqualTo(ForkRules.DEFAULT);
  }

  @Test
  void reportsBadForksSectionsLocated() {
    String bad =
        """
        forks:
          commands: ["", [], "sh 'unterminated"]
          artifacts: [""]
          env: [LD PRELOAD, "*FOO"]
          args: sometimes
          exec: true
        """;
    assertThatThrownBy(() -> PolicyReader.parse("policy.yaml", bad, ACTIONS))
        .isInstanceOf(SpecException.class)
        .satisfies(
            e ->
                assertThat(((SpecException) e).problems())
                    .extracting(SpecProblem::line, SpecProblem::field)
                    .contains(
                        org.assertj.core.groups.Tuple.tuple(2, "forks.commands[0]"),
                        org.assertj.core.groups.Tuple.tuple(2, "forks.commands[1]"),
                        org.assertj.core.groups.Tuple.tuple(2, "forks.commands[2]"),
                        org.assertj.core.groups.Tuple.tuple(3, "forks.artifacts[0]"),
                        org.assertj.core.groups.Tuple.tuple(4, "forks.env[0]"),
                        org.assertj.core.groups.Tuple.tuple(4, "forks.env[1]"),
                        org.assertj.core.groups.Tuple.tuple(5, "forks.args"),
                        org.assertj.core.groups.Tuple.tuple(6, "forks.exec")))
        .hasMessageContaining("(expected: a variable name such as LOG_LEVEL")
        .hasMessageContaining("empty command");
  }

  @Test
  void aSyntaxErrorIsLocated() {
    assertThatThrownBy(() -> PolicyReader.parse("policy.yaml", "limits: [\n", ACTIONS))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("policy.yaml:2:")
        .hasMessageContaining("YAML syntax");
  }

  @Test
  void refusesSkillsNotAllowedByNameOrLabel() {
    Policy p = PolicyReader.parse("policy.yaml", FULL, ACTIONS);
    p.checkSkill("product-contract", Map.of());
    p.checkSkill("other", Map.of("area", "shop"));
    assertThatThrownBy(() -> p.checkSkill("other", Map.of("area", "ops")))
        .isInstanceOf(PolicyRefusedException.class)
        .hasMessage(
            "refused by policy skills.allow: skill 'other' is not allowed (allowed:"
                + " product-contract, label:area=shop); add 'other' or one of its labels as"
                + " label:key=value to skills.allow in policy.yaml");
  }
}
