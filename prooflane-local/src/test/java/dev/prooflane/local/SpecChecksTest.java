package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.spec.EnvironmentReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecChecksTest {
  private static final Environment ENV =
      EnvironmentReader.parse(
          Path.of("/srv/shop/prooflane.yaml"),
          """
          services:
            catalog: {command: run, propagation: opentelemetry-agent}
            pricing: {command: run}
          """);

  private static Fork fork(String service, Map<String, String> env) {
    return new Fork(service, Optional.empty(), List.of(), env, List.of(), Optional.empty());
  }

  private static SandboxSpec sandbox(Fork... forks) {
    return new SandboxSpec("pr-1", Optional.empty(), Optional.empty(), Map.of(), List.of(forks));
  }

  @Test
  void aForkOfAServiceWithTheAgentMayNotSetTheAgentsVariables() {
    SandboxSpec spec =
        sandbox(
            fork("pricing", Map.of("OTEL_PROPAGATORS", "b3")),
            fork("catalog", Map.of("OTEL_PROPAGATORS", "b3", "LEVEL", "2")));

    SpecException refused =
        catchThrowableOfType(SpecException.class, () -> SpecChecks.against(ENV, spec));

    assertThat(refused.problems())
        .singleElement()
        .hasToString(
            "<sandbox pr-1>: forks[1].env.OTEL_PROPAGATORS: set by the service's propagation:"
                + " opentelemetry-agent (expected: not set in a fork; see docs/propagation.md)");
  }

  @Test
  void aForkOfAServiceWithTheAgentKeepsItsOtherVariables() {
    assertThatCode(() -> SpecChecks.against(ENV, sandbox(fork("catalog", Map.of("LEVEL", "2")))))
        .doesNotThrowAnyException();
  }
}
