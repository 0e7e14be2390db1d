package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.prooflane.model.HealthCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthProbeTest {
  @TempDir Path dir;
  private final ProcessSupervisor supervisor = new ProcessSupervisor(new InMemoryRegistry());

  @AfterEach
  void stopEverything() {
    supervisor.close();
  }

  private ManagedProcess start(String id, List<String> command) {
    return supervisor.start(
        new ProcessSpec(id, command, dir, Map.of(), dir.resolve("logs/" + id + ".log")));
  }

  /** A started {@code /health} that answers 503 until request {@code healthyFrom}, then 204. */
  private static HttpServer healthServer(AtomicInteger calls, int healthyFrom) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          int status = calls.incrementAndGet() < healthyFrom ? 503 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static URI healthUri(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
  }

  @Test
  void returnsOnceTheEndpointAnswers2xx() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = healthServer(calls, 3);
    try {
      ManagedProcess process = start("pr-1/ready", List.of("sleep", "300"));
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");

      HealthProbe.awaitReady(
          uri, new HealthCheck("/health", Duration.ofSeconds(10), Duration.ofMillis(20)), process);

      assertThat(calls.get()).isEqualTo(3);
      assertThat(process.isAlive()).isTrue();
    } finally {
      server.stop(0);
    }
  }

  @Test
  void failsAtOnceWithExitCodeAndLogsWhenTheProcessExits() {
    ManagedProcess process =
        start(
            "pr-2/crashy",
            List.of("sh", "-c", "echo booting; sleep 0.3; echo bad config >&2; exit 3"));
    URI uri = URI.create("http://127.0.0.1:" + Ports.freePort() + "/health");
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                HealthProbe.awaitReady(
                    uri,
                    new HealthCheck("/health", Duration.ofSeconds(30), Duration.ofMillis(50)),
                    process))
        .isInstanceOfSatisfying(
            InstanceFailedException.class,
            e -> {
              assertThat(e.id()).isEqualTo("pr-2/crashy");
              assertThat(e.exitCode()).contains(3);
              assertThat(e.logFile()).isEqualTo(dir.resolve("logs/pr-2/crashy.log"));
            })
        .hasMessageContaining("pr-2/crashy exited with code 3")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("stdout booting")
        .hasMessageContaining("stderr bad config")
        .hasMessageContaining(dir.resolve("logs/pr-2/crashy.log").toString());
    // at once: well before the 30 s timeout, with room for a machine whose cores are all busy
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void failsWithTheLastStatusWhenTheTimeoutPasses() {
    int port = Ports.freePort();
    ManagedProcess process =
        start(
            "pr-3/no-health",
            List.of(
                "python3", "-u", "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1"));
    URI uri = URI.create("http://127.0.0.1:" + port + "/health");
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                HealthProbe.awaitReady(
                    uri,
                    new HealthCheck("/health", Duration.ofSeconds(3), Duration.ofMillis(100)),
                    process))
        .isInstanceOfSatisfying(
            InstanceFailedException.class, e -> assertThat(e.exitCode()).isEmpty())
        .hasMessageContaining("pr-3/no-health did not become ready")
        .hasMessageContaining("within 3000 ms")
        .hasMessageContaining("last: HTTP 404")
        .hasMessageContaining("GET /health answered 404 Not Found")
        .hasMessageContaining("set services.no-health.health.path")
        .hasMessageContaining("GET /health HTTP/1.1\" 404");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    // never gives up early; the upper bound leaves room for a busy machine, below the grace
    assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofSeconds(8));
    assertThat(process.isAlive()).isTrue();
  }

  @Test
  void waitsForAnAnswerSlowerThanASlowTryInsteadOfHangingUp() throws Exception {
    Duration slow = HealthProbe.SLOW_TRY.plusSeconds(1);
    try (HoldingHealthServer server =
        new HoldingHealthServer(n -> new HoldingHealthServer.Hold(204, slow))) {
      ManagedProcess process = start("pr-4/slow", List.of("sleep", "300"));

      HealthProbe.awaitReady(
          server.uri(),
          new HealthCheck("/health", Duration.ofSeconds(60), Duration.ofMillis(20)),
          process);

      // the server counts an answer once its write returned, which can be after the probe read it
      await().atMost(Duration.ofSeconds(10)).until(() -> server.heldAnswers() == 1);
      assertThat(server.requests()).as("requests").isEqualTo(1);
      assertThat(server.hangUps()).as("hang-ups").isZero();
    }
  }

  @Test
  void givesUpAtTheDeadlineAndLeavesTheTryInFlightToFinish() throws Exception {
    try (HoldingHealthServer server =
        new HoldingHealthServer(n -> new HoldingHealthServer.Hold(204, null))) {
      ManagedProcess process = start("pr-5/stuck", List.of("sleep", "300"));
      long started = System.nanoTime();

      assertThatThrownBy(
              () ->
                  HealthProbe.awaitReady(
                      server.uri(),
                      new HealthCheck("/health", Duration.ofSeconds(2), Duration.ofMillis(20)),
                      process))
          .isInstanceOf(InstanceFailedException.class)
          .hasMessageContaining("pr-5/stuck did not become ready")
          .hasMessageContaining("within 2000 ms (last: no answer within ");
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      // did not wait for the answer still held: that would take the whole grace
      assertThat(took).isBetween(Duration.ofMillis(1_900), HealthProbe.GRACE.minusSeconds(2));

      server.release();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> server.heldAnswers() + server.hangUps() == server.requests());
      assertThat(server.hangUps()).as("hang-ups").isZero();
      assertThat(server.requests()).as("requests").isEqualTo(1);
    }
  }

  @Test
  void aSlowLastTryIsReportedAfterTheStatusSeenBeforeIt() throws Exception {
    try (HoldingHealthServer server =
        new HoldingHealthServer(
            n -> new HoldingHealthServer.Hold(n == 1 ? 503 : 204, n == 1 ? Duration.ZERO : null))) {
      ManagedProcess process = start("pr-6/hangs", List.of("sleep", "300"));

      assertThatThrownBy(
              () ->
                  HealthProbe.awaitReady(
                      server.uri(),
                      new HealthCheck("/health", Duration.ofSeconds(8), Duration.ofMillis(20)),
                      process))
          .isInstanceOf(InstanceFailedException.class)
          .hasMessageMatching("(?s).*\\(last: HTTP 503, then no answer within \\d+ ms\\).*");
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  @Test
  void pausesBrieflyWhileAnInstanceStartsThenGrowsToTheInterval() {
    Duration interval = Duration.ofMillis(50);

    assertThat(HealthProbe.pauseAfter(Duration.ZERO, interval)).isEqualTo(Duration.ofMillis(10));
    assertThat(HealthProbe.pauseAfter(Duration.ofMillis(150), interval))
        .isEqualTo(Duration.ofMillis(10));
    assertThat(HealthProbe.pauseAfter(Duration.ofMillis(400), interval))
        .isEqualTo(Duration.ofMillis(20));
    assertThat(HealthProbe.pauseAfter(Duration.ofSeconds(1), interval)).isEqualTo(interval);
    assertThat(HealthProbe.pauseAfter(Duration.ofMinutes(2), interval)).isEqualTo(interval);
    assertThat(HealthProbe.pauseAfter(Duration.ofMinutes(2), Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aShorterIntervalThanTheFirstPauseIsKeptFromTheStart() {
    assertThat(HealthProbe.pauseAfter(Duration.ZERO, Duration.ofMillis(5)))
        .isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void triesAtOnceAndAgainLongBeforeTheIntervalWhileTheInstanceStarts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = healthServer(calls, 2);
    // an hour between tries, were the interval the pause: the probe could never finish below
    HealthCheck hourly = new HealthCheck("/health", Duration.ofHours(2), Duration.ofHours(1));
    try {
      ManagedProcess starting = start("pr-1/starting", List.of("sleep", "300"));
      CompletableFuture<Void> probe =
          CompletableFuture.runAsync(
              () -> HealthProbe.awaitReady(healthUri(server), hourly, starting));

      await().atMost(Duration.ofSeconds(30)).until(probe::isDone);
      probe.join();
      assertThat(calls.get()).isEqualTo(2);
    } finally {
      server.stop(0);
    }
  }
}
