package dev.prooflane.kubernetes.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import org.junit.jupiter.api.Test;

class SandboxChecksTest {
  @Test
  void theFixtureSandboxesAreValid() {
    assertThat(SandboxChecks.problems(Fixtures.sandbox("sandbox-istio.yaml"), "f")).isEmpty();
    assertThat(SandboxChecks.problems(Fixtures.sandbox("sandbox-gateway.yaml"), "f")).isEmpty();
  }

  @Test
  void namesEveryWrongFieldAndWhatIsExpected() {
    Sandbox sandbox = Fixtures.sandbox("sandbox-istio.yaml");
    sandbox.getSpec().getForks().get(0).getOf().setKind("StatefulSet");
    sandbox.getSpec().setTtl("two hours");
    sandbox.getSpec().setRoutingKey("no spaces");
    sandbox.getSpec().getForks().get(0).getCustomizations().getEnv().get(0).setValue(null);

    assertThat(SandboxChecks.problems(sandbox, "sbx.yaml"))
        .extracting(SpecProblem::toString)
        .containsExactly(
            "sbx.yaml: spec.routingKey: 'no spaces' (expected: 1 to 64 characters of A-Z a-z 0-9 ."
                + " _ -, or leave it out to have one generated)",
            "sbx.yaml: spec.ttl: 'two hours' (expected: such as 30m, 2h, 1h30m)",
            "sbx.yaml: spec.forks[0].of.kind: StatefulSet (expected: Deployment)",
            "sbx.yaml: spec.forks[0].customizations.env[0].value: missing (expected: a value, or"
                + " operation: delete)");
  }

  @Test
  void rejectsNoForksAndTheSameDeploymentTwice() {
    Sandbox sandbox = Fixtures.sandbox("sandbox-gateway.yaml");
    sandbox.getSpec().getForks().get(1).getOf().setName("pricing");
    assertThatThrownBy(() -> SandboxChecks.check(sandbox, "f"))
        .isInstanceOf(SpecException.class)
        .hasMessage(
            "f: spec.forks[1].of.name: pricing is forked twice (expected: one fork per Deployment)");

    sandbox.getSpec().getForks().clear();
    assertThat(SandboxChecks.problems(sandbox, "f"))
        .extracting(SpecProblem::toString)
        .containsExactly("f: spec.forks: empty (expected: at least one fork)");
  }
}
