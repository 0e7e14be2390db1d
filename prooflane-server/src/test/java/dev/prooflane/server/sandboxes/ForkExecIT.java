package dev.prooflane.server.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.local.EchoService;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.AuditRecords;
import dev.prooflane.server.DaemonParts;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.runs.Validations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may make a fork run what, over a real local runtime with real forks: service {@code a} runs
 * {@code java -cp ${artifact} EchoService}; the policy lets a {@code sandbox:exec} caller run only
 * java commands that start EchoService.
 */
class ForkExecIT {
  private static final Caller WRITER = new Caller("ci", false, false);
  private static final Caller EXEC = new Caller("ops", false, true);
  private static final Caller ADMIN = new Caller("admin", true);
  private static final String JAVA = "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx32m";

  @TempDir static Path dir;

  /** EchoService's classes: a folder, or the test jar of prooflane-local in a reactor build. */
  private static Path classes;

  private static Path marker;
  private static DaemonParts parts;
  private static StateFolder state;
  private static SandboxService sandboxes;

  @BeforeAll
  static void start() throws Exception {
    classes =
        Path.of(EchoService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path copy = Files.createDirectories(dir.resolve("build/classes/dev/prooflane/local"));
    try (var in = EchoService.class.getResourceAsStream("EchoService.class")) {
      Files.copy(in, copy.resolve("EchoService.class"));
    }
    marker = dir.resolve("ran");
    Path env = dir.resolve("prooflane.yaml");
    Files.writeString(
        env,
        """
        name: exec
        sandboxes: {maxTtl: 1h}
        services:
          a:
            artifact: %s
            command: %s -cp ${artifact} %s
            env: {PORT: "${port}"}
            health: {timeout: 30s}
        """
            .formatted(classes, JAVA, EchoService.class.getName()));
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(
        policy,
        """
        forks:
          commands: ["java ** -cp * %s"]
        """
            .formatted(EchoService.class.getName()));
    EchoEnvironment.alwaysPassingSkill(dir);
    parts =
        DaemonParts.start(
            EnvironmentReader.read(env),
            dir.resolve("state"),
            Duration.ofSeconds(1),
            Optional.of(policy));
    state = parts.state();
    sandboxes = parts.sandboxes();
  }

  @AfterAll
  static void stop() {
    if (parts != null) {
      parts.close();
    }
  }

  @AfterEach
  void deleteEverySandbox() {
    parts.deleteEverySandbox();
  }

  private static SandboxSpec spec(String name, String fork) {
    return SandboxSpecReader.parse(
        "<test>", "{\"name\": \"" + name + "\", \"forks\": [{\"service\": \"a\"" + fork + "}]}");
  }

  private static String ownCommand() {
    return ", \"command\": " + Json.write(List.of("sh", "-c", "touch '" + marker + "'; sleep 60"));
  }

  private static int refusals(String rule) {
    return AuditRecords.details(state, "policy.refused", "rule", rule).size();
  }

  @Test
  void refusesAForkCommandFromACallerWithoutExecAndStartsNothing() {
    int before = refusals("forks.exec");

    assertThatThrownBy(() -> sandboxes.create(spec("own-1", ownCommand()), WRITER, line -> {}))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.exec"))
        .hasMessageStartingWith(
            "refused by policy forks.exec: forks[0].command: running a command of your own needs"
                + " scope sandbox:exec, which token 'ci' lacks");

    assertThat(sandboxes.list()).isEmpty();
    assertThat(marker).doesNotExist();
    assertThat(refusals("forks.exec")).isEqualTo(before + 1);
    assertThat(AuditRecords.details(state, "sandbox.created", "sandbox", "own-1")).isEmpty();
  }

  @Test
  void runsAWriteCallersForkWithAnArtifactUnderTheEnvironmentsFolderAndRecordsItsCommand() {
    Sandbox sandbox =
        sandboxes.create(spec("built-1", ", \"artifact\": \"build/classes\""), WRITER, l -> {});

    assertThat(sandbox.phase()).isEqualTo(SandboxPhase.READY);
    JsonNode created = AuditRecords.details(state, "sandbox.created", "sandbox", "built-1").get(0);
    List<String> command = new ArrayList<>();
    created.path("commands").path("a").forEach(word -> command.add(word.asText()));
    List<String> expected = new ArrayList<>(List.of(JAVA.split(" ")));
    expected.addAll(List.of("-cp", "build/classes", EchoService.class.getName()));
    assertThat(command).isEqualTo(expected);
    assertThat(created.path("owner").asText()).isEqualTo("ci");
  }

  @Test
  void refusesAnArtifactFromOutsideTheAllowedFoldersUnlessTheCallerMayExec() throws Exception {
    String outside = ", \"artifact\": " + Json.write(classes.toString());

    assertThatThrownBy(() -> sandboxes.create(spec("out-1", outside), WRITER, line -> {}))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.artifacts"))
        .hasMessageContaining(
            "forks[0].artifact: "
                + classes.toRealPath()
                + " is not under a folder of forks.artifacts ["
                + dir.toRealPath()
                + "]");
    assertThat(sandboxes.list()).isEmpty();

    assertThat(sandboxes.create(spec("out-2", outside), EXEC, line -> {}).phase())
        .isEqualTo(SandboxPhase.READY);
  }

  @Test
  void anExecCallerRunsOnlyWhatTheCommandRulesMatch() {
    assertThatThrownBy(() -> sandboxes.create(spec("own-2", ownCommand()), EXEC, line -> {}))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.commands"))
        .hasMessageContaining("forks[0].command: the command 'sh -c touch");
    assertThat(marker).doesNotExist();

    String java =
        ", \"command\": "
            + Json.write(JAVA + " -Dfork=yes -cp " + classes + " " + EchoService.class.getName());
    assertThat(sandboxes.create(spec("own-3", java), EXEC, line -> {}).phase())
        .isEqualTo(SandboxPhase.READY);
  }

  @Test
  void refusesALauncherVariableThatTheRulesDoNotName() {
    String agent =
        ", \"env\": {\"JAVA_TOOL_OPTIONS\": \"-javaagent:" + dir.resolve("evil.jar") + "\"}";

    assertThatThrownBy(() -> sandboxes.create(spec("env-1", agent), ADMIN, line -> {}))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.env"))
        .hasMessageContaining("forks[0].env.JAVA_TOOL_OPTIONS: JAVA_TOOL_OPTIONS changes");
    assertThat(
            sandboxes
                .create(spec("env-2", ", \"env\": {\"GREETING\": \"hi\"}"), WRITER, line -> {})
                .phase())
        .isEqualTo(SandboxPhase.READY);
  }

  @Test
  void aValidationIsRefusedBeforeItCreatesAnything() {
    Validations.Request request =
        new Validations.Request(
            spec("v-own", ownCommand()),
            List.of("always"),
            List.of(dir.resolve("test-skills")),
            Map.of(),
            false,
            WRITER);

    assertThatThrownBy(() -> parts.validations().validate(request, line -> {}))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("forks.exec"));
    assertThat(sandboxes.list()).isEmpty();
    assertThat(marker).doesNotExist();
    assertThat(AuditRecords.details(state, "sandbox.created", "sandbox", "v-own")).isEmpty();
  }
}
