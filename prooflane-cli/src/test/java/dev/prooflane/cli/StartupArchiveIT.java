package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archive (application class-data sharing) that the build makes from {@link
 * StartupTraining} and that the launcher maps: a refactor of the pom, the launcher or the class
 * path that loses it fails here rather than making every command slower without a word.
 */
class StartupArchiveIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path ARCHIVE = TARGET.resolve("prooflane-cli.jsa");
  private static final Path JAR = TARGET.resolve("prooflane-cli.jar");
  private static final Path LAUNCHER = Path.of("..", "prooflane").toAbsolutePath().normalize();

  @Test
  void theLauncherMapsTheArchiveThisBuildMadeAndNeverFailsOnIt() throws IOException {
    assertThat(ARCHIVE).as("made in the package phase (prooflane-cli/pom.xml)").isRegularFile();
    assertThat(Files.readString(LAUNCHER))
        .contains("JAR=\"$ROOT/prooflane-cli/target/prooflane-cli.jar\"")
        .contains("-cp \"$JAR\"")
        .contains("ARCHIVE=\"$ROOT/prooflane-cli/target/prooflane-cli.jsa\"")
        .contains("-XX:SharedArchiveFile=\"$ARCHIVE\"")
        .contains("-Xshare:auto")
        .contains("-Xlog:cds=off,cds+dynamic=off:stderr");
  }

  @Test
  void theReadCommandsLoadTheirClassesFromTheArchive(@TempDir Path dir) throws Exception {
    // -Xshare:on: the JVM refuses to start when it cannot map the archive (another JDK, a jar that
    // changed since, another class path), where the launcher's -Xshare:auto goes on without it
    Started version = java(dir, "--version");
    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output()).contains("prooflane 0.1.0");

    Started list = java(dir, "sandbox", "list", "--state-dir", dir.resolve("none").toString());
    assertThat(list.exitCode()).as(list.output()).isEqualTo(3);
    assertThat(list.output())
        .contains("dev.prooflane.cli.Main source: shared objects file (top)")
        .contains("dev.prooflane.cli.SandboxCommand$ListCommand source: shared objects file (top)")
        .contains("dev.prooflane.server.json.Json source: shared objects file (top)")
        .contains("com.fasterxml.jackson.databind.ObjectMapper source: shared objects file (top)")
        .doesNotContain("io.fabric8")
        .doesNotContain("io.vertx")
        .doesNotContain("io.modelcontextprotocol");
  }

  private record Started(int exitCode, String output) {}

  /**
   * {@code java -Xshare:on} with the archive and the launcher's class path, logging class loads.
   */
  private static Started java(Path dir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "java",
                "-Xshare:on",
                "-XX:SharedArchiveFile=" + ARCHIVE,
                "-Xlog:class+load=info",
                "-cp",
                JAR.toString(),
                Main.class.getName()));
    command.addAll(List.of(args));
    Path output = Files.createTempFile(dir, "java", ".txt");
    Process java =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    assertThat(java.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return new Started(java.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
