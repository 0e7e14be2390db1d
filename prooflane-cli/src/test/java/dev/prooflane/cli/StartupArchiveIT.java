package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.local.StateFolder;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archives (application class-data sharing) that the build makes from {@link
 * StartupTraining} and {@link DaemonTraining} and that the launcher maps: a refactor of the pom,
 * the launcher or the class path that loses them fails here rather than making every command (or
 * every daemon) slower without a word.
 */
class StartupArchiveIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path ARCHIVE = TARGET.resolve("prooflane-cli.jsa");
  private static final Path DAEMON_ARCHIVE = TARGET.resolve("prooflane-daemon.jsa");
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
    assertThat(DAEMON_ARCHIVE)
        .as("made in the package phase (prooflane-cli/pom.xml)")
        .isRegularFile();
    assertThat(Files.readString(LAUNCHER))
        .containsPattern(
            "up\\|demo\\)\\s+ARCHIVE=\"\\$ROOT/prooflane-cli/target/prooflane-daemon.jsa\"");
  }

  @Test
  void aDetachedDaemonLoadsItsClassesFromTheArchiveItsUpWasGiven(@TempDir Path dir)
      throws Exception {
    Path env = dir.resolve("prooflane.yaml");
    Files.writeString(
        env,
        String.join(
            "\n",
            "name: archive",
            "services:",
            "  svc:",
            "    command: java -cp " + JAR + " " + TrainingService.class.getName(),
            "    env: {PORT: \"${port}\"}",
            "    health: {path: /health, timeout: 60s}",
            ""));
    Path state = dir.resolve("state");
    // -Xshare:on, taken over by the daemon: its JVM refuses to start without the archive
    List<String> command =
        List.of(
            "java",
            "-Xshare:on",
            "-XX:SharedArchiveFile=" + DAEMON_ARCHIVE,
            "-Xlog:class+load=info",
            "-cp",
            JAR.toString(),
            Main.class.getName(),
            "up",
            "--detach",
            "-f",
            env.toString(),
            "--state-dir",
            state.toString(),
            "--api-port",
            "0");
    Process up =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("up.txt").toFile())
            .start();
    assertThat(up.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(up.exitValue()).as(Files.readString(dir.resolve("up.txt"))).isZero();
    DaemonInfo daemon = DaemonInfo.read(state).orElseThrow();
    try {
      assertThat(ProcessHandle.of(daemon.pid()).flatMap(h -> h.info().arguments()).orElseThrow())
          .contains("-Xshare:on", "-XX:SharedArchiveFile=" + DAEMON_ARCHIVE);
      assertThat(StateFolder.of(state).daemonLog())
          .content()
          .contains("dev.prooflane.server.Daemon source: shared objects file\n")
          .contains("dev.prooflane.cli.UpCommand source: shared objects file\n")
          .contains("io.vertx.core.Vertx source: shared objects file\n")
          .contains("org.sqlite.JDBC source: shared objects file\n")
          // up asked it for its status: the first request did not register Netty's Flight
          // Recorder events (Daemon turns them off)
          .contains("dev.prooflane.server.json.StatusView source: shared objects file\n")
          .doesNotContain("jdk.jfr.internal.EventHandlerCreator");
    } finally {
      new DaemonClient(daemon.apiUrl(), AdminTokenFile.read(state).orElseThrow()).shutdown();
      ProcessHandle.of(daemon.pid())
          .ifPresent(h -> h.onExit().orTimeout(60, TimeUnit.SECONDS).join());
    }
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
        .contains("dev.prooflane.cli.Main source: shared objects file\n")
        .contains("dev.prooflane.cli.SandboxCommand$ListCommand source: shared objects file\n")
        .contains("dev.prooflane.server.DaemonInfo source: shared objects file\n")
        // without daemon.json there is nothing to read: Jackson's mapper is never made
        .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper")
        // a static archive: a dynamic one would leave picocli's Java 5 class files out
        .contains("picocli.CommandLine source: shared objects file\n")
        .contains("picocli.CommandLine$Model$CommandSpec source: shared objects file\n")
        .doesNotContain("io.fabric8")
        .doesNotContain("io.vertx")
        .doesNotContain("io.modelcontextprotocol");
  }

  @Test
  void readCommandsAgainstADaemonLoadNoClassOfProoflaneOrJacksonFromAJar(@TempDir Path dir)
      throws Exception {
    try (TrainingDaemon daemon = TrainingDaemon.start()) {
      Path state = dir.resolve("state");
      Files.createDirectories(state);
      daemon.announceIn(state);
      for (List<String> read :
          List.of(
              List.of("status"),
              List.of("sandbox", "list"),
              List.of("sandbox", "get", "pr-1"),
              List.of("skill", "list"),
              List.of("hops"),
              List.of("logs", "pricing", "--tail", "5"),
              List.of("status", "--json"))) {
        List<String> args = new ArrayList<>(read);
        args.addAll(List.of("--state-dir", state.toString()));
        Started started = java(dir, args.toArray(String[]::new));
        assertThat(started.exitCode()).as(started.output()).isZero();
        assertThat(started.output())
            .as(String.join(" ", read))
            .contains("dev.prooflane.server.client.Exchange source: shared objects file\n")
            .contains("dev.prooflane.server.json.Json source: shared objects file\n")
            .contains("com.fasterxml.jackson.databind.ObjectMapper source: shared objects file\n")
            .doesNotContainPattern("dev\\.prooflane\\.\\S+ source: (file|jrt):")
            .doesNotContainPattern("com\\.fasterxml\\.\\S+ source: (file|jrt):")
            .doesNotContainPattern("java\\.\\S+ source: (file|jrt):");
      }
    }
  }

  @Test
  void theLauncherRunsACommandSilentlyWithAStaleOrBrokenArchive(@TempDir Path dir)
      throws Exception {
    // the launcher on a tree of its own, with the built jars: the build's archive no longer
    // matches them there (another path, as after a rebuild), and broken archives do not either
    Path root = dir.toRealPath().resolve("tree");
    Path target = Files.createDirectories(root.resolve("prooflane-cli/target"));
    Files.copy(LAUNCHER, root.resolve("prooflane"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(JAR, target.resolve("prooflane-cli.jar"));
    Files.createSymbolicLink(target.resolve("lib"), TARGET.resolve("lib"));
    Files.createSymbolicLink(target.resolve("agents"), TARGET.resolve("agents"));
    Files.createSymbolicLink(target.resolve("kafka"), TARGET.resolve("kafka"));
    Path shop = Files.createDirectories(root.resolve("examples/shop/target")).resolve("shop.jar");
    Files.writeString(shop, "not built here");
    Files.writeString(target.resolve(".built"), "");
    Path archive = target.resolve("prooflane-cli.jsa");
    byte[] built = Files.readAllBytes(ARCHIVE);
    Map<String, byte[]> archives = new LinkedHashMap<>();
    archives.put("stale", built);
    archives.put("cut short", Arrays.copyOf(built, built.length / 3));
    archives.put("empty", new byte[0]);
    archives.put("not an archive", "hello".getBytes(StandardCharsets.US_ASCII));
    for (Map.Entry<String, byte[]> broken : archives.entrySet()) {
      Files.write(archive, broken.getValue());
      for (List<String> command :
          List.of(
              List.of("--version"),
              List.of("sandbox", "list", "--state-dir", dir.resolve("none").toString()))) {
        List<String> line = new ArrayList<>(List.of(root.resolve("prooflane").toString()));
        line.addAll(command);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process launcher =
            new ProcessBuilder(line)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String what = broken.getKey() + ": " + String.join(" ", command);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (command.get(0).equals("--version")) {
          assertThat(launcher.exitValue()).as(what + stderr).isZero();
          assertThat(Files.readString(out)).as(what).isEqualTo("prooflane 0.1.0\n");
          assertThat(stderr).as(what).isEmpty();
        } else {
          // no daemon: exit 3 and the command's own one line, nothing of the JVM's
          assertThat(launcher.exitValue()).as(what + stderr).isEqualTo(3);
          assertThat(stderr.lines().toList())
              .as(what)
              .hasSize(1)
              .first()
              .asString()
              .startsWith("prooflane: ");
        }
      }
    }
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
