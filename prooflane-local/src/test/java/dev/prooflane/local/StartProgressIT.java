package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.prooflane.model.Environment;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.spec.EnvironmentReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a start says while health checks wait: each instance's pid and port, every interval that it
 * is still waiting with its last line of output, then healthy or failed and why.
 */
class StartProgressIT {
  @TempDir Path dir;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  private LocalOptions options() {
    return new LocalOptions(
            StateFolder.of(dir.resolve(".prooflane")),
            Clock.systemUTC(),
            Duration.ofSeconds(3),
            Duration.ofSeconds(1))
        .withProgressInterval(Duration.ofMillis(200));
  }

  /**
   * A service that prints {@code booting} and starts only once {@code gate} exists, so that the
   * test decides how long its health check waits.
   */
  private Environment gated(Path gate) throws Exception {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        name: slow
        services:
          slow:
            command: ["sh", "-c", "echo booting; while [ ! -f '%s' ]; do sleep 0.05; done; exec %s"]
            env: {PORT: "${port}"}
            health: {timeout: 60s}
        """
            .formatted(gate, TestEnvironment.echoCommand()));
    return EnvironmentReader.read(file);
  }

  @Test
  void saysStillWaitingWithTheLastLineUntilTheServiceIsHealthy() throws Exception {
    Path gate = dir.resolve("gate");
    Environment env = gated(gate);
    CompletableFuture<LocalRuntime> starting =
        CompletableFuture.supplyAsync(() -> LocalRuntime.start(env, options(), lines::add));
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  lines.stream()
                      .anyMatch(
                          l ->
                              l.startsWith("  baseline/slow: still waiting for GET /health after ")
                                  && l.endsWith(" (last line: booting)")));
      assertThat(starting).as("still waiting for the health check").isNotDone();
      Files.createFile(gate);
      long pid = starting.join().services().get(0).pid();

      assertThat(lines.get(0))
          .matches(
              "  baseline/slow: started pid "
                  + pid
                  + " on 127\\.0\\.0\\.1:\\d+, waiting for GET /health to answer 2xx");
      assertThat(lines).last().asString().matches("  baseline/slow: healthy after [0-9.]+ (ms|s)");
    } finally {
      if (!Files.exists(gate)) {
        Files.createFile(gate);
      }
      starting.join().close();
    }
  }

  @Test
  void startsAnInstanceOnAnotherPortWhenAnotherProgramTookItsPortFirst() throws Exception {
    // the first try's port is taken by a program outside the instance (it outlives it, in a
    // session of its own) before the instance binds it: the instance fails to bind and exits
    Path mark = dir.resolve("squatted");
    Path squatter = dir.resolve("squatter.pid");
    Path squat = dir.resolve("squat.py");
    Files.writeString(
        squat,
        """
        import os, socket, sys, time
        s = socket.socket()
        s.bind(("127.0.0.1", int(sys.argv[1])))
        s.listen()
        open(sys.argv[2], "w").write(str(os.getpid()))
        time.sleep(120)
        """);
    Path start = dir.resolve("start.sh");
    Files.writeString(
        start,
        """
        if [ ! -f '%1$s' ]; then
          touch '%1$s'
          setsid python3 '%2$s' "$PORT" '%3$s' &
          while [ ! -s '%3$s' ]; do sleep 0.05; done
          echo "cannot listen on $PORT: Address already in use" >&2
          exit 98
        fi
        exec %4$s
        """
            .formatted(mark, squat, squatter, TestEnvironment.echoCommand()));
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        services:
          squatted:
            command: ["sh", "%s"]
            env: {PORT: "${port}"}
        """
            .formatted(start));
    Environment env = EnvironmentReader.read(file);
    try (LocalRuntime runtime = LocalRuntime.start(env, options(), lines::add)) {
      String taken =
          lines.stream()
              .filter(l -> l.contains("was taken by another program"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no retry said in " + lines));
      assertThat(taken)
          .matches(
              "  baseline/squatted: port \\d+ was taken by another program before pid \\d+ could"
                  + " bind it; trying another port");
      int first = Integer.parseInt(taken.replaceAll(".*port (\\d+) was taken.*", "$1"));
      assertThat(runtime.services().get(0).state()).isEqualTo("running");
      assertThat(runtime.services().get(0).instancePort()).isNotEqualTo(first);
    } finally {
      if (Files.exists(squatter)) {
        ProcessHandle.of(Long.parseLong(Files.readString(squatter).trim()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void saysAtOnceWhyAnInstanceFailedWithItsLastLine() throws Exception {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        services:
          broken:
            command: ["sh", "-c", "echo 'port 8080 already in use' >&2; exit 3"]
        """);
    Environment env = EnvironmentReader.read(file);

    assertThatThrownBy(() -> LocalRuntime.start(env, options(), lines::add))
        .isInstanceOf(ProoflaneException.class)
        .hasMessageContaining("the baseline did not come up")
        .hasMessageContaining("stderr port 8080 already in use");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "  baseline/broken: failed after [0-9.]+ (ms|s): exited with code 3"
                            + " \\(last line: port 8080 already in use\\)"));
  }

  @Test
  void saysWhileWaitingAndWhenFailingThatNothingIsServedAtTheHealthPathAndWhatToSet()
      throws Exception {
    // python's http.server answers 404 to GET /health, as a Spring Boot service does
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        services:
          customers:
            command: ["python3", "-u", "-m", "http.server", "${port}", "--bind", "127.0.0.1"]
            health: {timeout: 4s}
        """);
    Environment env = EnvironmentReader.read(file);

    assertThatThrownBy(() -> LocalRuntime.start(env, options(), lines::add))
        .isInstanceOf(ProoflaneException.class)
        .hasMessageContaining("last: HTTP 404")
        .hasMessageContaining("GET /health answered 404 Not Found")
        .hasMessageContaining("set services.customers.health.path")
        .hasMessageContaining("/actuator/health");
    String advice =
        "GET /health answered 404 Not Found: the service serves nothing at /health; set"
            + " services.customers.health.path in the environment file to the path it serves"
            + " (Spring Boot with Actuator: /actuator/health;";
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("  baseline/customers: still waiting for GET /health after ")
                    .contains(advice))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("  baseline/customers: failed after ")
                    .contains("no 2xx from GET /health in time (" + advice));
  }

  @Test
  void saysAtOnceThatACommandCannotStart() throws Exception {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(file, "services:\n  ghost:\n    command: no-such-program-for-prooflane\n");
    Environment env = EnvironmentReader.read(file);

    assertThatThrownBy(() -> LocalRuntime.start(env, options(), lines::add))
        .isInstanceOf(ProoflaneException.class);
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "  baseline/ghost: failed: cannot start baseline/ghost: command"
                            + " 'no-such-program-for-prooflane'"));
  }

  @Test
  void writesDurationsPreciselyWhenShortAndInWholeSecondsFromTen() {
    assertThat(StartProgress.seconds(850_000_000L)).isEqualTo("850 ms");
    assertThat(StartProgress.seconds(2_440_000_000L)).isEqualTo("2.4 s");
    assertThat(StartProgress.seconds(30_100_000_000L)).isEqualTo("30 s");
    assertThat(StartProgress.seconds(152_700_000_000L)).isEqualTo("152 s");
  }
}
