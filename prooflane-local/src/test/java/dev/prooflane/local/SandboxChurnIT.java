package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.routing.HopRecord;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandboxes created and deleted in parallel loops while a client sends each sandbox's key from the
 * moment the create reserved it: a keyed request gets the fork or 503 {@code fork_unavailable}
 * (while the sandbox is STARTING), never the baseline.
 *
 * <p>Each client stops before its sandbox is deleted: once deleted, the key is unknown again and
 * the baseline is the right answer. The other workers' creates and deletes change the route table
 * while the client's requests are in flight.
 */
class SandboxChurnIT {
  private static final int WORKERS = 3;
  private static final int CYCLES = 3;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private LocalRuntime runtime;
  private final List<Long> forkPids = new CopyOnWriteArrayList<>();

  /** One answer to a keyed request, and which sandbox's key it carried. */
  private record Answer(String sandbox, int status, String body) {}

  @BeforeEach
  void start() throws Exception {
    Environment env = TestEnvironment.chain(dir);
    runtime =
        LocalRuntime.start(
            env,
            new LocalOptions(
                StateFolder.of(dir.resolve(".prooflane")),
                Clock.systemUTC(),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1)),
            line -> {});
  }

  @AfterEach
  void stop() {
    runtime.close();
    assertThat(forkPids)
        .as("no fork survives its delete")
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse());
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void keyedRequestsGetTheForkOr503WhileSandboxesComeAndGoNeverTheBaseline() throws Exception {
    List<Answer> answers = new CopyOnWriteArrayList<>();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS * 2);
    try {
      List<Future<?>> loops = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        int worker = w;
        loops.add(
            workers.submit(
                () -> {
                  for (int cycle = 0; cycle < CYCLES; cycle++) {
                    churn("churn-" + worker + "-" + cycle, workers, answers);
                  }
                  return null;
                }));
      }
      for (Future<?> loop : loops) {
        loop.get(3, TimeUnit.MINUTES);
      }
    } finally {
      workers.shutdownNow();
    }

    assertThat(answers)
        .as("every keyed request got its sandbox's fork or 503 fork_unavailable")
        .allSatisfy(answer -> isForkOrForkUnavailable(answer));
    assertThat(answers)
        .as("some requests came while their sandbox was STARTING")
        .anySatisfy(answer -> assertThat(answer.status()).isEqualTo(503));
  }

  /**
   * Creates sandbox {@code name}, sending its key from the moment the create reserved it until the
   * fork answered, then deletes it.
   */
  private void churn(String name, ExecutorService pool, List<Answer> answers) throws Exception {
    RoutingKey key = new RoutingKey("key-" + name);
    CountDownLatch reserved = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    List<Answer> mine = new CopyOnWriteArrayList<>();
    Future<?> client =
        pool.submit(
            () -> {
              reserved.await();
              while (!stop.get()) {
                HttpResponse<String> response = TestEnvironment.get(url(), key.value());
                mine.add(new Answer(name, response.statusCode(), response.body()));
              }
              return null;
            });
    SandboxSpec spec =
        new SandboxSpec(name, Optional.of(key), Optional.empty(), Map.of(), List.of(Fork.of("c")));
    Sandbox sandbox =
        runtime.createSandbox(
            spec,
            line -> {
              // said right after the route table took the key, with the fork down
              if (line.contains("routing key " + key)) {
                reserved.countDown();
              }
            });
    sandbox.forks().forEach(fork -> forkPids.add(fork.pid()));
    await().atMost(WAIT).until(() -> mine.stream().anyMatch(answer -> answer.status() == 200));
    stop.set(true);
    client.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    answers.addAll(mine);
    await()
        .atMost(WAIT)
        .until(
            () -> runtime.hops().byKey(key.value()).stream().anyMatch(hop -> hop.status() == 200));
    assertThat(runtime.hops().byKey(key.value()))
        .as("the router sent no request with the key of %s to the baseline", name)
        .extracting(HopRecord::destination)
        .containsOnly(name);
    runtime.deleteSandbox(name);
  }

  private String url() {
    return "http://127.0.0.1:" + runtime.routerPorts().get("c") + "/churn";
  }

  private static void isForkOrForkUnavailable(Answer answer) throws Exception {
    if (answer.status() == 200) {
      assertThat(answer.body())
          .isEqualTo("{\"hops\":[{\"service\":\"c\",\"servedBy\":\"" + answer.sandbox() + "\"}]}");
      return;
    }
    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("error").asText()).isEqualTo("fork_unavailable");
    assertThat(body.path("sandbox").asText()).isEqualTo(answer.sandbox());
    assertThat(body.path("service").asText()).isEqualTo("c");
    assertThat(body.path("message").asText()).endsWith("the request was NOT sent to the baseline");
  }
}
