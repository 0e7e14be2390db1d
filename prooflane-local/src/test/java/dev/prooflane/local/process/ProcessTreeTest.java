package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {
  @Test
  void findsTheSameDescendantsAsTheJdkFromTheProcessesOwnChildrenFiles() throws Exception {
    // a shell with two children, one of which has a child of its own
    Process root =
        new ProcessBuilder("sh", "-c", "sleep 60 & sh -c 'sleep 60 & wait' & wait").start();
    try {
      ProcessHandle handle = root.toHandle();
      await().atMost(Duration.ofSeconds(30)).until(() -> handle.descendants().count() == 3);

      List<Long> read = ProcessTree.descendants(handle).stream().map(ProcessHandle::pid).toList();

      assertThat(read)
          .containsExactlyInAnyOrderElementsOf(
              handle.descendants().map(ProcessHandle::pid).toList());
    } finally {
      ProcessTree.terminate(List.of(root.toHandle()), Duration.ofSeconds(5));
      root.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
