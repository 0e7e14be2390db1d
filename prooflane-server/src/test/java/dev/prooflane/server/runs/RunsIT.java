package dev.prooflane.server.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.local.StateFolder;
import dev.prooflane.server.AuditRecords;
import dev.prooflane.server.DaemonParts;
import dev.prooflane.server.EchoEnvironment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's runs over a real local runtime whose service waits on this test's own server, so a
 * run goes on exactly as long as the test wants.
 */
class RunsIT {
  @TempDir Path dir;
  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer gate;
  private Path policy;
  private DaemonParts parts;
  private StateFolder state;
  private Runs runs;

  @BeforeEach
  void start() throws Exception {
    gate = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    gate.createContext(
        "/",
        exchange -> {
          arrived.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "{\"hops\":[]}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    gate.start();
    Path skills = Files.createDirectories(dir.resolve("skills"));
    Files.writeString(
        skills.resolve("slow.yaml"),
        """
        name: slow
        description: Asks service a, which answers once the test's gate opens.
        whenToUse: In the daemon's tests.
        steps:
          - id: ask
            action: http
            with: {service: a, path: /slow, expectStatus: 200}
        """);
    policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "limits: {concurrentRuns: 1}\n");
    parts =
        DaemonParts.start(
            EchoEnvironment.calling(dir, "http://127.0.0.1:" + gate.getAddress().getPort()),
            dir.resolve("state"),
            Duration.ofSeconds(1),
            Optional.of(policy));
    state = parts.state();
    runs = parts.runs();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (parts != null) {
      parts.close();
    }
    gate.stop(0);
  }

  private RunRecord startSlow() {
    return runs.start(new RunRequest("slow", Optional.empty(), Map.of()), List.of(), l -> {});
  }

  @Test
  void refusesARunPastTheConcurrentRunsLimitUntilOneFinishes() throws Exception {
    RunRecord first = startSlow();
    assertThat(arrived.await(30, TimeUnit.SECONDS)).as("the first run reached the gate").isTrue();

    assertThatThrownBy(this::startSlow)
        .isInstanceOfSatisfying(
            PolicyRefusedException.class,
            e -> assertThat(e.rule()).isEqualTo("limits.concurrentRuns"))
        .hasMessage(
            "refused by policy limits.concurrentRuns: 1 runs are going on already; wait for one"
                + " to finish or raise limits.concurrentRuns in "
                + policy.toAbsolutePath().normalize());
    assertThat(AuditRecords.details(state, "policy.refused", "rule", "limits.concurrentRuns"))
        .hasSize(1);

    release.countDown();
    RunResult done = first.result().get(30, TimeUnit.SECONDS);
    assertThat(done.verdict().name()).isEqualTo("PASS");
    RunResult next = startSlow().result().get(30, TimeUnit.SECONDS);
    assertThat(next.verdict().name()).isEqualTo("PASS");
    assertThat(runs.list()).hasSize(2);
  }
}
