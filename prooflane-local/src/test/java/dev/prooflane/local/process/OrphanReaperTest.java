package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrphanReaperTest {
  private final InMemoryRegistry registry = new InMemoryRegistry();
  private Process orphan;

  @AfterEach
  void killLeftovers() {
    if (orphan != null) {
      orphan.descendants().forEach(ProcessHandle::destroyForcibly);
      orphan.destroyForcibly();
    }
  }

  /** A process tree nobody supervises, as a crashed daemon leaves it. */
  private ProcessHandle startOrphan() throws Exception {
    orphan = new ProcessBuilder("sh", "-c", "sleep 300 & wait").start();
    ProcessHandle handle = orphan.toHandle();
    await().atMost(Duration.ofSeconds(30)).until(() -> handle.descendants().count() == 1);
    return handle;
  }

  @Test
  void reapsARecordedProcessAndItsDescendants() throws Exception {
    ProcessHandle root = startOrphan();
    List<ProcessHandle> tree = ProcessTree.collect(List.of(root));
    registry.add("pr-7/pricing", root.pid(), root.info().startInstant().orElseThrow());

    List<String> reaped = OrphanReaper.reap(registry, Duration.ofSeconds(2));

    assertThat(reaped)
        .singleElement(STRING)
        .startsWith("pr-7/pricing (pid " + root.pid() + ", started ")
        .endsWith("and 1 descendants");
    assertThat(tree).hasSize(2).noneMatch(ProcessTree::isRunning);
    assertThat(registry.all()).isEmpty();
  }

  @Test
  void sparesAProcessWhosePidWasReused() throws Exception {
    ProcessHandle root = startOrphan();
    Instant started = root.info().startInstant().orElseThrow();
    // The record is of an older process that had the same pid.
    registry.add("pr-8/pricing", root.pid(), started.minus(Duration.ofMinutes(10)));

    List<String> reaped = OrphanReaper.reap(registry, Duration.ofSeconds(1));

    assertThat(reaped).isEmpty();
    assertThat(root.isAlive()).isTrue();
    assertThat(root.descendants().count()).isEqualTo(1);
    assertThat(registry.all()).isEmpty();
  }

  @Test
  void toleratesASubSecondDifferenceInTheStartInstant() throws Exception {
    ProcessHandle root = startOrphan();
    Instant started = root.info().startInstant().orElseThrow();
    registry.add("pr-9/pricing", root.pid(), started.plusMillis(600));

    assertThat(OrphanReaper.reap(registry, Duration.ofSeconds(1))).hasSize(1);
    assertThat(ProcessTree.isRunning(root)).isFalse();
  }

  @Test
  void forgetsRecordsOfProcessesThatAreGone() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    registry.add("pr-10/gone", done.pid(), Instant.now());
    registry.add(
        "self",
        ProcessHandle.current().pid(),
        ProcessHandle.current().info().startInstant().orElseThrow());

    assertThat(OrphanReaper.reap(registry, Duration.ofSeconds(1))).isEmpty();
    assertThat(registry.all()).isEmpty();
  }
}
