package dev.prooflane.local.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJarsTest {
  @Test
  void theBuildPutsBothJarsWhereThisModulesClassesFindThem() {
    AgentJars jars = AgentJars.located();

    assertThat(jars.folder()).endsWith(Path.of("target", "agents"));
    assertThat(jars.agent()).isRegularFile().hasFileName("opentelemetry-javaagent-2.31.1.jar");
    assertThat(jars.extension()).isRegularFile().hasFileName("prooflane-agent-extension.jar");
  }

  @Test
  void looksBesideTheCliLibFolderThenBesideAJarOrAFolderOfClasses(@TempDir Path dir)
      throws Exception {
    Path lib = Files.createDirectories(dir.resolve("cli/target/lib"));
    Path jar = Files.createFile(lib.resolve("prooflane-local.jar"));
    Path classes = Files.createDirectories(dir.resolve("local/target/classes"));

    assertThat(AgentJars.candidates(Optional.of(jar)))
        .containsExactly(dir.resolve("cli/target/agents"), lib.resolve("agents"));
    assertThat(AgentJars.candidates(Optional.of(classes)))
        .containsExactly(dir.resolve("local/target/agents"));
  }
}
