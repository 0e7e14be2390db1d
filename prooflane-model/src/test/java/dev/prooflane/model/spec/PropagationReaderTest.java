package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.Environment;
import dev.prooflane.model.Propagation;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** {@code propagation:} for the whole environment and per service. */
class PropagationReaderTest {
  private static final Path FILE = Path.of("/tmp/env/prooflane.yaml");

  private static Environment read(String yaml) {
    return EnvironmentReader.parse(FILE, yaml);
  }

  @Test
  void aServiceRunsWithoutAnAgentUnlessTheFileSaysOtherwise() {
    Environment env = read("services:\n  a: {command: run}\n");

    assertThat(env.service("a").propagation()).isEqualTo(Propagation.NONE);
  }

  @Test
  void theTopLevelValueIsEveryServicesDefaultAndAServiceOverridesIt() {
    Environment env =
        read(
            """
            propagation: opentelemetry-agent
            services:
              a: {command: run}
              b: {command: run, propagation: detect}
              c: {command: run, propagation: none}
            """);

    assertThat(env.services().values())
        .extracting(s -> s.propagation())
        .containsExactly(Propagation.OPENTELEMETRY_AGENT, Propagation.DETECT, Propagation.NONE);
  }

  @Test
  void anUnknownModeNamesTheFieldAndTheAcceptedValues() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    propagation: otel
                    services:
                      a:
                        command: run
                        propagation: Detect
                      b: {command: run, propagation: [detect]}
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.problems())
                    .extracting(SpecProblem::line, SpecProblem::field, SpecProblem::message)
                    .containsExactly(
                        Tuple.tuple(
                            1,
                            "propagation",
                            "'otel' (expected: none, opentelemetry-agent or detect; the"
                                + " OpenTelemetry Java agent is opentelemetry-agent; see"
                                + " docs/propagation.md)"),
                        Tuple.tuple(
                            5,
                            "services.a.propagation",
                            "'Detect' (expected: none, opentelemetry-agent or detect; did you mean"
                                + " 'detect'?; see docs/propagation.md)"),
                        Tuple.tuple(
                            6, "services.b.propagation", "expected a text value, got a list")))
        .hasMessageContaining("prooflane.yaml:1:14: propagation: 'otel' (expected:");
  }

  @Test
  void aServiceWithAnAgentMayNotSetTheAgentsOwnVariables() {
    assertThatThrownBy(
            () ->
                read(
                    """
                    propagation: detect
                    services:
                      a:
                        command: run
                        env:
                          PORT: "${port}"
                          OTEL_PROPAGATORS: b3
                      b:
                        command: run
                        propagation: opentelemetry-agent
                        env: {OTEL_TRACES_EXPORTER: otlp}
                      c:
                        command: run
                        propagation: none
                        env: {OTEL_PROPAGATORS: b3, OTEL_TRACES_EXPORTER: otlp}
                    """))
        .isInstanceOfSatisfying(
            SpecException.class,
            e ->
                assertThat(e.problems())
                    .extracting(SpecProblem::line, SpecProblem::field)
                    .containsExactly(
                        Tuple.tuple(7, "services.a.env.OTEL_PROPAGATORS"),
                        Tuple.tuple(11, "services.b.env.OTEL_TRACES_EXPORTER")))
        .hasMessageContaining(
            "services.a.env.OTEL_PROPAGATORS: set by propagation: detect (expected: not set here;"
                + " to configure the OpenTelemetry agent yourself, set propagation: none and attach"
                + " it through JAVA_TOOL_OPTIONS; see docs/propagation.md)");
  }
}
