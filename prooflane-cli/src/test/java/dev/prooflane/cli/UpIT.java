package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.TestEnvironment;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} as a newcomer sees it: while a slow service's health check waits, each service says it
 * is still waiting with its last line of output, then healthy, then every URL; in the foreground
 * and with {@code --detach}. Then {@code restart} and {@code up} against the running daemon, which
 * applies a changed file.
 */
class UpIT {
  @TempDir Path dir;
  private Path file;
  private Path gate;

  /** A command run in this JVM on a thread of its own, and what it printed so far. */
  private record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
    String text() {
      return out.toString();
    }
  }

  private Running start(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--state-dir", dir.resolve("state").toString()));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    all.toArray(String[]::new)));
    return new Running(exit, out, err);
  }

  private CliRun.Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--state-dir", dir.resolve("state").toString()));
    return CliRun.run(all.toArray(String[]::new));
  }

  @AfterEach
  void down() throws IOException {
    if (gate != null && !Files.exists(gate)) {
      Files.createFile(gate);
    }
    cli("down");
  }

  /**
   * Writes {@code prooflane.yaml}: service {@code fast}, and service {@code slow}, which prints
   * {@code booting} and starts only once {@code gate} exists.
   */
  private void writeSlowEnvironment() throws IOException {
    file = dir.resolve("prooflane.yaml");
    gate = dir.resolve("gate");
    Files.writeString(
        file,
        """
        name: newcomer
        services:
          fast:
            command: %2$s
            env: {PORT: "${port}"}
          slow:
            command: ["sh", "-c", "echo booting; while [ ! -f '%1$s' ]; do sleep 0.05; done; exec %2$s"]
            env: {PORT: "${port}"}
        """
            .formatted(gate, TestEnvironment.echoCommand()));
  }

  private void awaitStillWaiting(Running up) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                up.text()
                    .lines()
                    .anyMatch(
                        l ->
                            l.startsWith("  baseline/slow: still waiting for GET /health after ")
                                && l.endsWith(" (last line: booting)")));
  }

  private static void assertStartedHealthyAndListed(String out) {
    assertThat(out)
        .containsPattern(
            "  baseline/slow: started pid \\d+ on 127\\.0\\.0\\.1:\\d+, waiting for GET /health to"
                + " answer 2xx")
        .contains("  baseline/fast: healthy after ")
        .contains("  baseline/slow: healthy after ")
        .containsPattern("prooflane: ready, API http://127\\.0\\.0\\.1:\\d+/api/v1 \\(pid \\d+\\)")
        .containsPattern("fast +http://127\\.0\\.0\\.1:\\d+ +running")
        .containsPattern("slow +http://127\\.0\\.0\\.1:\\d+ +running");
    assertThat(out.indexOf("baseline/slow: still waiting"))
        .isLessThan(out.indexOf("baseline/slow: healthy after"))
        .isLessThan(out.indexOf("prooflane: ready, API"));
  }

  @Test
  void theForegroundUpSaysWhatItWaitsForAndEndsWithEveryUrl() throws Exception {
    writeSlowEnvironment();
    Running up =
        start("up", "-f", file.toString(), "--api-port", "0", "--progress-interval", "200ms");

    awaitStillWaiting(up);
    assertThat(up.text()).doesNotContain("prooflane: ready");
    Files.createFile(gate);
    await().atMost(Duration.ofSeconds(60)).until(() -> up.text().contains("prooflane down"));

    assertStartedHealthyAndListed(up.text());
    // not 'down': it waits for the daemon's process to end, and this daemon runs in the test's
    new DaemonClient(
            DaemonInfo.read(dir.resolve("state")).orElseThrow().apiUrl(),
            AdminTokenFile.read(dir.resolve("state")).orElseThrow())
        .shutdown();
    assertThat(up.exit().get()).as(up.err().toString()).isZero();
  }

  @Test
  void aDetachedUpShowsTheDaemonsProgressThenEveryUrl() throws Exception {
    writeSlowEnvironment();
    Running up =
        start(
            "up",
            "-f",
            file.toString(),
            "--detach",
            "--api-port",
            "0",
            "--progress-interval",
            "200ms");

    awaitStillWaiting(up);
    Files.createFile(gate);

    assertThat(up.exit().get()).as(up.text() + up.err()).isZero();
    assertStartedHealthyAndListed(up.text());
    assertThat(up.text())
        .startsWith("prooflane: daemon starting in the background (log: ")
        .endsWith("stop it with: prooflane down\n")
        .containsOnlyOnce("prooflane: ready, API");
  }

  /** Writes {@code prooflane.yaml} with one echo service per entry ({@code b:2}: b changed). */
  private void writeEchoes(String... services) throws IOException {
    file = dir.resolve("prooflane.yaml");
    EchoEnvironment.echoes(file, "echoes", services);
  }

  private long pid(String service) throws IOException {
    CliRun.Result status = cli("status", "--json");
    for (JsonNode s : Json.mapper().readTree(status.out()).path("services")) {
      if (s.path("name").asText().equals(service)) {
        return s.path("pid").asLong();
      }
    }
    throw new AssertionError("no service " + service + " in " + status.out());
  }

  @Test
  void restartAndUpAgainstTheRunningDaemonChangeOnlyWhatTheyName() throws Exception {
    writeEchoes("a", "b");
    CliRun.Result up = cli("up", "-f", file.toString(), "--detach", "--api-port", "0");
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
    assertThat(cli("sandbox", "create", "pr-1", "--fork", "b").exitCode()).isZero();
    long a = pid("a");
    long b = pid("b");

    CliRun.Result restart = cli("restart", "a");

    assertThat(restart.exitCode()).as(restart.err()).isZero();
    assertThat(restart.out())
        .contains("  baseline/a: healthy after ")
        .containsPattern("prooflane: a restarted in [0-9.]+ s, pid " + a + " -> \\d+\n$");
    assertThat(pid("a")).isNotEqualTo(a);
    a = pid("a");

    writeEchoes("a", "b:2", "c");
    CliRun.Result applied = cli("up", "-f", file.toString());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out())
        .startsWith("prooflane: a daemon already runs for " + dir.resolve("state") + " (pid ")
        .contains("environment 'echoes' from " + file + ": restart b; start c; keep a\n")
        .contains("  baseline/c: healthy after ")
        .contains("prooflane: applied (restart b; start c; keep a); 1 sandbox(es) kept\n")
        .containsPattern("c +http://127\\.0\\.0\\.1:\\d+ +running");
    assertThat(pid("a")).isEqualTo(a);
    assertThat(pid("b")).isNotEqualTo(b);
    assertThat(cli("sandbox", "get", "pr-1").out()).contains("phase       READY");

    CliRun.Result again = cli("up", "-f", file.toString(), "--detach");
    assertThat(again.out())
        .contains("prooflane: nothing to restart, start or stop; every service keeps running");

    writeEchoes("a", "c");
    CliRun.Result refused = cli("up", "-f", file.toString());
    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err())
        .contains("cannot remove b: sandbox 'pr-1' forks b (delete those sandboxes first");
  }
}
