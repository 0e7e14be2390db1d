package dev.prooflane.local.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentAttachmentTest {
  private static final Path DROPS = Path.of("/state/drops/pr-7/catalog.jsonl");
  @TempDir Path agents;

  @BeforeEach
  void jars() throws IOException {
    Files.createFile(agents.resolve("opentelemetry-javaagent-2.31.1.jar"));
    Files.createFile(agents.resolve("prooflane-agent-extension.jar"));
  }

  private static Environment env(String yaml) {
    return EnvironmentReader.parse(Path.of("/srv/shop/prooflane.yaml"), yaml);
  }

  @Test
  void detectAttachesTheSameJarsWithThePropagatorThatInjectsNothing() {
    Environment env =
        env(
            """
            routing: {baggage: tenant-key, header: null}
            services:
              catalog: {command: run, propagation: detect}
            """);
    AgentAttachment attachment = new AgentAttachment(AgentJars.in(agents), env.keyNames());

    assertThat(attachment.variables(env.service("catalog"), "pr-7", DROPS, null))
        .containsEntry(
            "JAVA_TOOL_OPTIONS",
            "-javaagent:"
                + agents.resolve("opentelemetry-javaagent-2.31.1.jar")
                + " -Dotel.javaagent.extensions="
                + agents.resolve("prooflane-agent-extension.jar")
                + " -Dprooflane.drops.file=/state/drops/pr-7/catalog.jsonl"
                + " -Dprooflane.service=catalog -Dprooflane.destination=pr-7"
                + " -Dprooflane.key.baggage=tenant-key -Dprooflane.key.tracestate=prooflane-key"
                + " -Dprooflane.key.header= -Dprooflane.propagation=detect")
        .containsEntry("OTEL_TRACES_EXPORTER", "none")
        .containsEntry("OTEL_METRICS_EXPORTER", "none")
        .containsEntry("OTEL_LOGS_EXPORTER", "none")
        .containsEntry("OTEL_SERVICE_NAME", "catalog")
        .containsEntry("OTEL_PROPAGATORS", "prooflane-detect")
        .hasSize(6);
  }

  @Test
  void theAgentPropagatesW3cTraceContextAndBaggageAndNoneAttachesNothing() {
    Environment env =
        env(
            """
            propagation: opentelemetry-agent
            services:
              catalog: {command: run}
              pricing: {command: run, propagation: none}
            """);
    AgentAttachment attachment = new AgentAttachment(AgentJars.in(agents), env.keyNames());

    assertThat(attachment.variables(env.service("catalog"), "pr-7", DROPS, "-Xmx64m"))
        .containsEntry("OTEL_PROPAGATORS", "tracecontext,baggage")
        .hasEntrySatisfying(
            "JAVA_TOOL_OPTIONS",
            value ->
                assertThat(value)
                    .startsWith("-Xmx64m -javaagent:")
                    .endsWith(" -Dprooflane.propagation=opentelemetry-agent"));
    assertThat(attachment.variables(env.service("pricing"), "pr-7", DROPS, "-Xmx64m")).isEmpty();
  }
}
