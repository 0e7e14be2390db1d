package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutesWatcherTest {
  private TestDaemon daemon = TestDaemon.start();
  private RoutesWatcher watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    daemon.close();
  }

  private RoutesWatcher watch(Duration wait) {
    watcher =
        new RoutesWatcher(
            new DaemonEndpoint(daemon.api(), TestDaemon.TOKEN),
            wait,
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)),
            Duration.ofSeconds(10));
    watcher.start();
    return watcher;
  }

  /** A daemon on the port of one that stopped, once the port can be bound again. */
  private static TestDaemon restartOn(int port) {
    AtomicReference<TestDaemon> restarted = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .ignoreException(UncheckedIOException.class)
        .until(() -> restarted.compareAndSet(null, TestDaemon.startOn(port)));
    return restarted.get();
  }

  private static String sandboxNames(Routes routes) {
    return routes.sandboxes().stream().map(RoutedSandbox::name).toList().toString();
  }

  @Test
  void followsEachNewVersionThroughTheLongPoll() throws Exception {
    daemon.routes("fix-1,k-abc,notifier=up");
    long first = daemon.version();
    watch(Duration.ofSeconds(30));

    Routes routes = watcher.awaitFirst(Duration.ofSeconds(10));
    assertThat(routes.version()).isEqualTo(first);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> daemon.routeQueries().contains("version=" + first + "&wait=30"));
    assertThat(daemon.routeQueries().get(0)).isEqualTo("wait=30");

    daemon.routes("fix-1,k-abc,notifier=up", "fix-2,k-def,notifier=down");

    await().atMost(Duration.ofSeconds(10)).until(() -> watcher.current().version() == first + 1);
    assertThat(sandboxNames(watcher.current())).isEqualTo("[fix-1, fix-2]");
  }

  @Test
  void waitsOnTheDaemonInsteadOfAskingAgainAndAgain() throws Exception {
    daemon.routes();
    watch(Duration.ofSeconds(30)).awaitFirst(Duration.ofSeconds(10));

    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .until(() -> daemon.routeQueries().size() <= 2);
  }

  @Test
  void blocksTheFirstRoutesUntilTheDaemonAnswers() throws Exception {
    daemon.routesStatus(503);
    daemon.routes("fix-1,k-abc,notifier=up");
    watch(Duration.ofSeconds(30));

    await().atMost(Duration.ofSeconds(10)).until(() -> watcher.problem().startsWith("HTTP 503"));
    assertThat(watcher.awaitFirst(Duration.ofMillis(100))).isNull();

    daemon.routesStatus(200);

    assertThat(watcher.awaitFirst(Duration.ofSeconds(10))).isNotNull();
  }

  @Test
  void keepsTheLastRoutesWhileTheDaemonIsDownAndFollowsItWhenBack() throws Exception {
    daemon.routes("fix-1,k-abc,notifier=up");
    watch(Duration.ofSeconds(1)).awaitFirst(Duration.ofSeconds(10));
    int port = daemon.port();

    daemon.close();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> watcher.problem().contains("ConnectException"));
    assertThat(sandboxNames(watcher.current())).isEqualTo("[fix-1]");

    daemon = restartOn(port);
    daemon.routes("fix-2,k-def,notifier=up");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sandboxNames(watcher.current()).equals("[fix-2]"));
  }

  @Test
  void takesDifferentRoutesUnderTheSameVersionFromARestartedDaemon() throws Exception {
    daemon.routes("fix-1,k-abc,notifier=up");
    watch(Duration.ofSeconds(1)).awaitFirst(Duration.ofSeconds(10));
    long version = watcher.current().version();
    int port = daemon.port();
    daemon.close();

    daemon = restartOn(port);
    daemon.routes("fix-9,k-xyz,notifier=up");
    assertThat(daemon.version()).isEqualTo(version);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sandboxNames(watcher.current()).equals("[fix-9]"));
  }
}
