package dev.prooflane.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.process.OrphanReaper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonCrashTest {
  @TempDir Path dir;

  @Test
  void reaperOnTheSameDatabaseKillsWhatADaemonKilledWithSigkillLeftBehind() throws Exception {
    Path db = dir.resolve("state.db");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process daemon =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashedDaemonMain.class.getName(),
                db.toString())
            .redirectError(dir.resolve("daemon.err").toFile())
            .start();
    long sleeperPid = -1;
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
      assertThat(line).startsWith("started ");
      sleeperPid = Long.parseLong(line.substring("started ".length()).trim());

      daemon.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(daemon.exitValue()).isEqualTo(137);
      ProcessHandle sleeper = ProcessHandle.of(sleeperPid).orElseThrow();
      assertThat(running(sleeper)).as("the orphan outlives the daemon").isTrue();

      try (StateStore store = new StateStore(db)) {
        assertThat(store.all())
            .singleElement()
            .satisfies(r -> assertThat(r.id()).isEqualTo("crash/sleeper"));

        List<String> reaped = OrphanReaper.reap(store, Duration.ofSeconds(2));

        assertThat(reaped)
            .singleElement()
            .asString()
            .startsWith("crash/sleeper (pid " + sleeperPid);
        assertThat(running(sleeper)).isFalse();
        assertThat(store.all()).isEmpty();
      }
    } finally {
      daemon.destroyForcibly();
      if (sleeperPid > 0) {
        ProcessHandle.of(sleeperPid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void reapingLeftoversOfAStateFolderStopsWhatAKilledDaemonLeft() throws Exception {
    StateFolder state = StateFolder.of(dir.resolve("state"));
    assertThat(LocalRuntime.reapLeftovers(LocalOptions.of(state.root())))
        .as("a folder without a store holds nothing")
        .isEmpty();
    assertThat(state.stateDb()).as("and is left as it was").doesNotExist();
    Process daemon = startDaemon(state.stateDb());
    long sleeperPid = -1;
    try {
      sleeperPid = awaitSleeperPid(daemon);
      ProcessHandle sleeper = ProcessHandle.of(sleeperPid).orElseThrow();
      daemon.destroyForcibly();
      assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();

      List<String> reaped = LocalRuntime.reapLeftovers(LocalOptions.of(state.root()));

      assertThat(reaped).singleElement().asString().startsWith("crash/sleeper (pid " + sleeperPid);
      assertThat(running(sleeper)).isFalse();
      assertThat(LocalRuntime.reapLeftovers(LocalOptions.of(state.root()))).isEmpty();
    } finally {
      daemon.destroyForcibly();
      if (sleeperPid > 0) {
        ProcessHandle.of(sleeperPid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void daemonStoppedWithSigtermStopsItsChildrenAndForgetsThem() throws Exception {
    Path db = dir.resolve("state.db");
    Process daemon = startDaemon(db);
    long sleeperPid = -1;
    try {
      sleeperPid = awaitSleeperPid(daemon);
      ProcessHandle sleeper = ProcessHandle.of(sleeperPid).orElseThrow();

      daemon.destroy(); // SIGTERM: the supervisor's shutdown hook runs

      assertThat(daemon.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(running(sleeper)).isFalse();
      try (StateStore store = new StateStore(db)) {
        assertThat(store.all()).isEmpty();
      }
    } finally {
      daemon.destroyForcibly();
      if (sleeperPid > 0) {
        ProcessHandle.of(sleeperPid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private Process startDaemon(Path db) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            CrashedDaemonMain.class.getName(),
            db.toString())
        .redirectError(dir.resolve("daemon.err").toFile())
        .start();
  }

  /** Waits for the daemon's "started PID" line. */
  private static long awaitSleeperPid(Process daemon) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(30, TimeUnit.SECONDS);
    assertThat(line).startsWith("started ");
    return Long.parseLong(line.substring("started ".length()).trim());
  }

  /** Alive and not a zombie (this machine's init may reap re-parented children late). */
  private static boolean running(ProcessHandle process) throws IOException {
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    if (!process.isAlive() || !Files.exists(stat)) {
      return false;
    }
    String text = Files.readString(stat);
    return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      return "read failed: " + e;
    }
  }
}
