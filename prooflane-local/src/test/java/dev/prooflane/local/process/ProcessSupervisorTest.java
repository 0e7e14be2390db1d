package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {
  @TempDir Path dir;
  private final InMemoryRegistry registry = new InMemoryRegistry();
  private final ProcessSupervisor supervisor = new ProcessSupervisor(registry);

  @AfterEach
  void stopEverything() {
    supervisor.close();
  }

  private ProcessSpec spec(String id, String script) {
    return new ProcessSpec(
        id, List.of("sh", "-c", script), dir, Map.of(), dir.resolve("logs/" + id + ".log"));
  }

  @Test
  void capturesStdoutAndStderrInBufferAndFile() throws Exception {
    ManagedProcess process =
        supervisor.start(spec("baseline/pricing", "echo hello; echo oops >&2; echo bye"));

    assertThat(process.onExit().get(10, TimeUnit.SECONDS)).isZero();
    assertThat(process.logs().tail(10))
        .extracting(LogLine::stream, LogLine::text)
        .containsExactlyInAnyOrder(
            tuple("stdout", "hello"), tuple("stderr", "oops"), tuple("stdout", "bye"));
    assertThat(process.logs().tail(10))
        .filteredOn(line -> line.stream().equals("stdout"))
        .extracting(LogLine::text)
        .containsExactly("hello", "bye");
    String file = Files.readString(dir.resolve("logs/baseline/pricing.log"));
    assertThat(file)
        .contains("prooflane started pid " + process.pid())
        .contains(" stdout hello")
        .contains(" stderr oops")
        .contains("prooflane exited with code 0");
  }

  @Test
  void addsEnvToTheDaemonsEnvironment() throws Exception {
    ProcessSpec spec =
        new ProcessSpec(
            "baseline/env",
            List.of("sh", "-c", "echo \"$PROOFLANE_GREETING|$PATH\""),
            dir,
            Map.of("PROOFLANE_GREETING", "hi there"),
            dir.resolve("env.log"));
    ManagedProcess process = supervisor.start(spec);
    process.onExit().get(10, TimeUnit.SECONDS);

    assertThat(process.logs().tail(1).get(0).text()).isEqualTo("hi there|" + System.getenv("PATH"));
  }

  @Test
  void reportsTheExitCodeWhenTheProcessCrashes() throws Exception {
    ManagedProcess process = supervisor.start(spec("pr-42/pricing", "echo dying >&2; exit 7"));

    assertThat(process.onExit().get(10, TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(process.exitCode()).contains(7);
    assertThat(process.isAlive()).isFalse();
    assertThat(process.logs().tail(1)).extracting(LogLine::text).containsExactly("dying");
    assertThat(registry.all()).isEmpty();
    assertThat(supervisor.processes()).isEmpty();
  }

  @Test
  void recordsEachRunningProcessWithItsOsStartInstant() {
    ManagedProcess process = supervisor.start(spec("pr-1/cart", "sleep 300"));

    Instant osStart = ProcessHandle.of(process.pid()).orElseThrow().info().startInstant().get();
    assertThat(registry.all())
        .containsExactly(new RegisteredProcess("pr-1/cart", process.pid(), osStart));
    assertThat(process.startedAt()).isEqualTo(osStart);
    assertThat(process.exitCode()).isEmpty();
    assertThat(supervisor.processes()).containsExactly(process);

    process.stop(Duration.ofSeconds(2));
    assertThat(registry.all()).isEmpty();
  }

  @Test
  void readsOutputOnDaemonThreadsNamedAfterTheId() {
    supervisor.start(spec("pr-9/threads", "sleep 300"));

    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(thread -> thread.getName().startsWith("pr-9/threads-"))
        .extracting(Thread::getName, Thread::isDaemon)
        .contains(tuple("pr-9/threads-stdout", true), tuple("pr-9/threads-stderr", true));
  }

  @Test
  void stopKillsTheWholeProcessTree() {
    ManagedProcess process = supervisor.start(spec("pr-2/tree", "sleep 300 & sleep 300 & wait"));
    ProcessHandle root = ProcessHandle.of(process.pid()).orElseThrow();
    await().atMost(Duration.ofSeconds(30)).until(() -> root.descendants().count() == 2);
    List<ProcessHandle> tree = ProcessTree.collect(List.of(root));

    long started = System.nanoTime();
    process.stop(Duration.ofSeconds(30));

    assertThat(tree).hasSize(3).noneMatch(ProcessTree::isRunning);
    // Everything obeyed SIGTERM: the stop must not wait out the grace period (half of it leaves
    // room for a machine whose cores are all busy).
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(process.exitCode()).isPresent();
    assertThat(registry.all()).isEmpty();
  }

  @Test
  void stopKillsATreeThatIgnoresSigterm() {
    ManagedProcess process =
        supervisor.start(spec("pr-3/stubborn", "trap '' TERM; sleep 300 & wait; sleep 300"));
    ProcessHandle root = ProcessHandle.of(process.pid()).orElseThrow();
    await().atMost(Duration.ofSeconds(30)).until(() -> root.descendants().count() == 1);
    List<ProcessHandle> tree = ProcessTree.collect(List.of(root));

    long started = System.nanoTime();
    process.stop(Duration.ofMillis(300));

    assertThat(tree).hasSize(2).noneMatch(ProcessTree::isRunning);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    assertThat(process.exitCode()).contains(137);
  }

  @Test
  void startFailureNamesTheCommandAndTheOsError() {
    ProcessSpec spec =
        new ProcessSpec(
            "pr-4/pricing",
            List.of("prooflane-no-such-program", "--port", "8080"),
            dir,
            Map.of(),
            dir.resolve("x.log"));

    assertThatThrownBy(() -> supervisor.start(spec))
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("pr-4/pricing")
        .hasMessageContaining("prooflane-no-such-program --port 8080")
        .hasMessageContaining("No such file or directory")
        .hasMessageContaining("PATH")
        .satisfies(
            e ->
                assertThat(((ProcessStartException) e).command())
                    .containsExactly("prooflane-no-such-program", "--port", "8080"));
    assertThat(registry.all()).isEmpty();
  }

  @Test
  void startFailureNamesAMissingWorkdir() {
    Path missing = dir.resolve("nowhere");
    ProcessSpec spec =
        new ProcessSpec("pr-5/cart", List.of("true"), missing, Map.of(), dir.resolve("x.log"));

    assertThatThrownBy(() -> supervisor.start(spec))
        .isInstanceOf(ProcessStartException.class)
        .hasMessageContaining("working directory " + missing)
        .hasMessageContaining("command: true");
  }

  @Test
  void closeStopsEverythingInParallelAndRefusesNewStarts() {
    ManagedProcess a = supervisor.start(spec("pr-6/a", "trap '' TERM; sleep 300"));
    ManagedProcess b = supervisor.start(spec("pr-6/b", "trap '' TERM; sleep 300"));
    await().atMost(Duration.ofSeconds(30)).until(() -> registry.all().size() == 2);

    Duration grace = Duration.ofSeconds(5);
    long started = System.nanoTime();
    supervisor.stopAll(grace);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(a.isAlive()).isFalse();
    assertThat(b.isAlive()).isFalse();
    // Both ignore SIGTERM and wait out the grace; in parallel that is one grace, not two (a grace
    // long enough that a busy machine's delays fit between the two).
    assertThat(took).isGreaterThanOrEqualTo(grace).isLessThan(grace.multipliedBy(2));
    assertThat(registry.all()).isEmpty();

    supervisor.close();
    assertThatThrownBy(() -> supervisor.start(spec("pr-6/c", "true")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pr-6/c");
  }
}
