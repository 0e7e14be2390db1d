package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./prooflane}) on a tree of its own, with a {@code mvn} and a {@code java}
 * that only write down that they ran: it builds when a source or a pom is newer than the last
 * build, or the build output is missing, and for nothing else.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "prooflane").toAbsolutePath().normalize();
  private static final Instant BUILT = Instant.now().minusSeconds(600);

  @TempDir Path root;
  private Path calls;

  @BeforeEach
  void tree() throws IOException {
    root = root.toRealPath();
    calls = root.resolve("calls.log");
    Files.copy(LAUNCHER, root.resolve("prooflane"), StandardCopyOption.COPY_ATTRIBUTES);
    Path bin = Files.createDirectories(root.resolve("bin"));
    script(bin.resolve("mvn"), "echo \"mvn $*\" >> '" + calls + "'");
    script(bin.resolve("java"), "echo \"java root=$PROOFLANE_ROOT ${*: -1}\" >> '" + calls + "'");
    for (String file :
        List.of(
            "pom.xml",
            "prooflane-model/pom.xml",
            "prooflane-model/src/main/java/dev/prooflane/model/Sandbox.java",
            "prooflane-model/src/main/resources/schema.json",
            "prooflane-model/src/test/java/dev/prooflane/model/SandboxTest.java",
            "prooflane-model/target/classes/dev/prooflane/model/Sandbox.class",
            "examples/shop/pom.xml",
            "examples/shop/src/main/java/Shop.java",
            "examples/shop/target/shop.jar",
            "prooflane-cli/pom.xml",
            "prooflane-cli/target/prooflane-cli.jar",
            "prooflane-cli/target/agents/prooflane-agent-extension.jar",
            "prooflane-cli/target/kafka/prooflane-kafka.jar",
            "prooflane-cli/target/kafka/broker/kafka_2.13-4.4.0.jar",
            "prooflane-cli/target/.built",
            ".prooflane/state.db")) {
      Path path = root.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, file);
      Files.setLastModifiedTime(path, FileTime.from(BUILT.minusSeconds(60)));
    }
    Files.setLastModifiedTime(root.resolve("prooflane-cli/target/.built"), FileTime.from(BUILT));
    // the folders as old as their files: a folder changes when a file in it comes or goes
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path dir : paths.filter(Files::isDirectory).toList()) {
        Files.setLastModifiedTime(dir, FileTime.from(BUILT.minusSeconds(60)));
      }
    }
  }

  private static void script(Path path, String line) throws IOException {
    Files.writeString(path, "#!/usr/bin/env bash\n" + line + "\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
  }

  /** Runs {@code command} (the launcher) from {@code cwd}; returns what ran, in order. */
  private List<String> launch(Path cwd, String... command) throws Exception {
    Files.deleteIfExists(calls);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("out.log").toFile());
    builder.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
    Process launcher = builder.start();
    assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(launcher.exitValue())
        .as(Files.readString(root.resolve("out.log"), StandardCharsets.UTF_8))
        .isZero();
    return Files.readAllLines(calls);
  }

  private List<String> launch() throws Exception {
    List<String> ran = launch(root, "./prooflane", "--version");
    // a build stamps the time it ran; put the stamp back for the next case
    Files.setLastModifiedTime(root.resolve("prooflane-cli/target/.built"), FileTime.from(BUILT));
    return ran;
  }

  private void edit(String file) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, "edited");
    Files.setLastModifiedTime(path, FileTime.from(BUILT.plusSeconds(60)));
  }

  private static String built() {
    return "mvn -q -B -DskipTests -Dspotless.check.skip=true -pl !bench,!examples/spring-discovery install";
  }

  @Test
  void runsWithoutBuildingWhenNothingChangedSinceTheLastBuild() throws Exception {
    assertThat(launch()).containsExactly("java root=" + root + " --version");
  }

  @Test
  void buildsFirstWhenASourceOrAResourceOfAModuleChanged() throws Exception {
    edit("prooflane-model/src/main/java/dev/prooflane/model/Sandbox.java");
    assertThat(launch()).containsExactly(built(), "java root=" + root + " --version");

    edit("prooflane-model/src/main/resources/schema.json");
    assertThat(launch()).first().isEqualTo(built());

    edit("examples/shop/src/main/java/Shop.java");
    assertThat(launch()).first().isEqualTo(built());

    edit("prooflane-model/src/main/java/dev/prooflane/model/NewFile.java");
    assertThat(launch()).first().isEqualTo(built());
  }

  @Test
  void buildsFirstWhenASourceWasRemovedOrRenamed() throws Exception {
    Path source = root.resolve("prooflane-model/src/main/java/dev/prooflane/model/Sandbox.java");
    Files.move(source, source.resolveSibling("Renamed.java"));
    assertThat(launch()).containsExactly(built(), "java root=" + root + " --version");
    Files.setLastModifiedTime(source.getParent(), FileTime.from(BUILT.minusSeconds(60)));
    assertThat(launch()).as("built since").containsExactly("java root=" + root + " --version");

    Files.delete(root.resolve("prooflane-model/src/main/resources/schema.json"));
    assertThat(launch()).first().isEqualTo(built());
  }

  @Test
  void buildsFirstWhenAPomChanged() throws Exception {
    for (String pom : List.of("pom.xml", "prooflane-model/pom.xml", "examples/shop/pom.xml")) {
      edit(pom);
      assertThat(launch()).as(pom).first().isEqualTo(built());
      Files.setLastModifiedTime(root.resolve(pom), FileTime.from(BUILT.minusSeconds(60)));
    }
  }

  @Test
  void buildsFirstWhenTheBuildOutputIsMissing() throws Exception {
    for (String output :
        List.of(
            "prooflane-cli/target/prooflane-cli.jar",
            "examples/shop/target/shop.jar",
            "prooflane-cli/target/agents/prooflane-agent-extension.jar",
            "prooflane-cli/target/kafka/prooflane-kafka.jar",
            "prooflane-cli/target/kafka/broker/kafka_2.13-4.4.0.jar",
            "prooflane-cli/target/.built")) {
      Path path = root.resolve(output);
      Files.delete(path);
      assertThat(launch()).as(output).first().isEqualTo(built());
      Files.writeString(path, output);
      Files.setLastModifiedTime(path, FileTime.from(BUILT.minusSeconds(60)));
    }
  }

  @Test
  void testsBuildOutputAndStateDoNotMakeItBuild() throws Exception {
    edit("prooflane-model/src/test/java/dev/prooflane/model/SandboxTest.java");
    edit("prooflane-model/target/classes/dev/prooflane/model/Sandbox.class");
    edit(".prooflane/state.db");
    edit("docs/cli.md");

    assertThat(launch()).containsExactly("java root=" + root + " --version");
  }

  @Test
  void findsItsFolderHoweverItIsInvoked() throws Exception {
    Path elsewhere = Files.createDirectories(root.resolve("prooflane-model/src/test"));
    String expected = "java root=" + root + " --version";

    assertThat(launch(root, "bash", "prooflane", "--version")).containsExactly(expected);
    assertThat(launch(elsewhere, "../../../prooflane", "--version")).containsExactly(expected);
    assertThat(launch(elsewhere, root.resolve("prooflane").toString(), "--version"))
        .containsExactly(expected);
  }
}
