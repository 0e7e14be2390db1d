package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.local.agent.AgentJarMissingException;
import dev.prooflane.local.agent.AgentJars;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code propagation: opentelemetry-agent} with real processes and the real agent: a service whose
 * code loses the key passes it on once the agent is attached, and the agent never starts missing.
 */
class AgentAttachIT {
  @TempDir Path dir;

  /** a → b → c, where b's own code does not forward the baggage; b's propagation as given. */
  private Environment chain(String propagation) throws IOException {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        name: chain
        services:
          c:
            command: %1$s
            env: {PORT: "${port}"}
          b:
            command: %1$s
            propagation: %2$s
            env:
              PORT: "${port}"
              NEXT_URL: "${services.c.url}"
              FORWARD_BAGGAGE: "false"
              JAVA_TOOL_OPTIONS: "-Decho.own=kept"
            health: {timeout: 90s}
          a:
            command: %1$s
            env: {PORT: "${port}", NEXT_URL: "${services.b.url}"}
        """
            .formatted(TestEnvironment.echoCommand(), propagation));
    return EnvironmentReader.read(file);
  }

  @Test
  void theAgentCarriesTheKeyPastAServiceWhoseCodeDropsIt() throws Exception {
    try (LocalRuntime runtime =
        LocalRuntime.start(chain("none"), LocalOptions.of(dir.resolve(".prooflane")), l -> {})) {
      runtime.createSandbox(
          new SandboxSpec(
              "pr-1", Optional.empty(), Optional.empty(), Map.of(), List.of(Fork.of("c"))),
          line -> {});
      String a = "http://127.0.0.1:" + runtime.routerPorts().get("a") + "/x";
      String key = runtime.sandbox("pr-1").routingKey().value();

      assertThat(TestEnvironment.get(a, key).body())
          .as("b's code drops the key: c is the baseline's")
          .contains("{\"service\":\"c\",\"servedBy\":\"baseline\"}");

      EnvironmentChange change = runtime.apply(chain("opentelemetry-agent"), line -> {});
      assertThat(change.changed()).containsExactly("b");

      assertThat(TestEnvironment.get(a, key).body())
          .as("the agent injects the baggage b's code left out: c is the sandbox's fork")
          .contains("{\"service\":\"c\",\"servedBy\":\"pr-1\"}");
      StateFolder state = StateFolder.of(dir.resolve(".prooflane"));
      AgentJars jars = AgentJars.located();
      assertThat(state.logs().resolve("baseline/b.log"))
          .content()
          .contains(
              "Picked up JAVA_TOOL_OPTIONS: -Decho.own=kept -javaagent:"
                  + jars.agent()
                  + " -Dotel.javaagent.extensions="
                  + jars.extension()
                  + " -Dprooflane.drops.file="
                  + state.drops("baseline", "b").toAbsolutePath()
                  + " -Dprooflane.service=b -Dprooflane.destination=baseline"
                  + " -Dprooflane.key.baggage=prooflane-key -Dprooflane.key.tracestate=prooflane-key"
                  + " -Dprooflane.key.header=x-prooflane-key"
                  + " -Dprooflane.propagation=opentelemetry-agent")
          .contains("opentelemetry-javaagent - version: 2.31.1");
      assertThat(state.logs().resolve("baseline/a.log"))
          .content()
          .doesNotContain("JAVA_TOOL_OPTIONS");
    }
  }

  @Test
  void aMissingAgentJarStopsTheStartBeforeAnythingRunsNamingTheArtifactAndTheFix()
      throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-agents"));
    Environment env = chain("detect");

    assertThatThrownBy(
            () ->
                LocalRuntime.start(
                    env,
                    LocalOptions.of(dir.resolve(".prooflane")).withAgentJars(AgentJars.in(empty)),
                    line -> {}))
        .isInstanceOf(AgentJarMissingException.class)
        .hasMessage(
            "services.b.propagation: detect needs the OpenTelemetry Java agent"
                + " (io.opentelemetry.javaagent:opentelemetry-javaagent:2.31.1), which is not at "
                + empty.resolve("opentelemetry-javaagent-2.31.1.jar")
                + " (the build copies it there from the Maven repository: rebuild Prooflane with"
                + " 'mvn -DskipTests package' in its checkout, or run ./prooflane, which builds"
                + " when its output is missing; or set -Dprooflane.agents=FOLDER to a folder that"
                + " holds both jars)");
    assertThat(StateFolder.of(dir.resolve(".prooflane")).logs()).doesNotExist();
  }
}
