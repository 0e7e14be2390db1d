package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.prooflane.local.process.Ports;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changing a running baseline with real processes: a restart swaps in a new instance while requests
 * keep being answered, and an applied environment file restarts, starts and stops just the services
 * it changes, keeping every sandbox; a change that cannot take effect changes nothing.
 */
class RolloutIT {
  @TempDir Path dir;
  private Path file;
  private LocalRuntime runtime;
  private final List<Long> pids = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("prooflane.yaml");
    write(Map.of("a", "", "b", "", "c", ""));
    runtime =
        LocalRuntime.start(
            EnvironmentReader.read(file), LocalOptions.of(dir.resolve(".prooflane")), line -> {});
    remember();
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(pids)
                    .as("no process of ours survives close()")
                    .noneMatch(
                        pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
  }

  /**
   * Writes the environment file with one echo service per entry, in order; the value is extra
   * {@code env:} entries, such as {@code , VERSION: "2"}.
   */
  private void write(Map<String, String> services) throws IOException {
    StringBuilder yaml = new StringBuilder("name: rollout\nsandboxes: {maxTtl: 1h}\nservices:\n");
    services.keySet().stream()
        .sorted()
        .forEach(
            name ->
                yaml.append("  ")
                    .append(name)
                    .append(":\n    command: ")
                    .append(TestEnvironment.echoCommand())
                    .append("\n    env: {PORT: \"${port}\"")
                    .append(services.get(name))
                    .append("}\n    health: {timeout: 30s}\n"));
    Files.writeString(file, yaml.toString());
  }

  private void remember() {
    runtime.services().forEach(s -> pids.add(s.pid()));
    runtime.sandboxes().forEach(s -> s.forks().forEach(f -> pids.add(f.pid())));
  }

  private Map<String, Long> servicePids() {
    return runtime.services().stream()
        .collect(Collectors.toMap(ServiceStatus::name, ServiceStatus::pid));
  }

  private String url(String service) {
    return "http://127.0.0.1:" + runtime.routerPorts().get(service) + "/x";
  }

  private Sandbox fork(String sandbox, String service) {
    Sandbox s = runtime.createSandbox(spec(sandbox, service), line -> {});
    remember();
    return s;
  }

  private static long forkPid(Sandbox sandbox) {
    return sandbox.forks().get(0).pid();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Test
  void restartSwapsInANewInstanceWhileEveryRequestIsAnswered() throws Exception {
    Sandbox sandbox = fork("keep", "b");
    long oldPid = servicePids().get("b");
    AtomicBoolean sending = new AtomicBoolean(true);
    List<String> failures = new CopyOnWriteArrayList<>();
    List<Integer> answered = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> client =
        CompletableFuture.runAsync(
            () -> {
              while (sending.get()) {
                try {
                  HttpResponse<String> r = TestEnvironment.get(url("b"), null);
                  answered.add(r.statusCode());
                  if (r.statusCode() != 200) {
                    failures.add(r.statusCode() + " " + r.body());
                  }
                } catch (IOException | InterruptedException e) {
                  failures.add(e.toString());
                }
              }
            });
    await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() >= 5);
    List<String> progress = new CopyOnWriteArrayList<>();

    ServiceRestart restart = runtime.restartService("b", progress::add);
    int atSwap = answered.size();
    await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() >= atSwap + 5);
    sending.set(false);
    client.get();
    remember();

    assertThat(restart.service()).isEqualTo("b");
    assertThat(restart.oldPid()).isEqualTo(oldPid);
    assertThat(restart.newPid()).isNotEqualTo(oldPid).isEqualTo(servicePids().get("b"));
    assertThat(alive(oldPid)).as("the old instance stopped").isFalse();
    assertThat(failures).as("requests during the restart").isEmpty();
    assertThat(progress)
        .anySatisfy(l -> assertThat(l).startsWith("  baseline/b: started pid " + restart.newPid()))
        .anySatisfy(l -> assertThat(l).startsWith("  baseline/b: healthy after "))
        .anySatisfy(
            l ->
                assertThat(l)
                    .isEqualTo(
                        "  b: requests now reach pid "
                            + restart.newPid()
                            + "; stopping pid "
                            + oldPid
                            + " once its requests in flight are answered"));
    Sandbox after = runtime.sandbox("keep");
    assertThat(forkPid(after)).as("the sandbox's fork is untouched").isEqualTo(forkPid(sandbox));
    assertThat(TestEnvironment.get(url("b"), sandbox.routingKey().value()).body())
        .contains("\"servedBy\":\"keep\"");
    assertThat(TestEnvironment.get(url("b"), null).body()).contains("\"servedBy\":\"baseline\"");
  }

  @Test
  void restartOfAnUnknownServiceNamesTheKnownOnes() {
    assertThatThrownBy(() -> runtime.restartService("nope", line -> {}))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("service 'nope' not found: known services: a, b, c");
  }

  @Test
  void applyRestartsTheChangedStartsTheAddedStopsTheRemovedAndKeepsTheRest() throws Exception {
    Sandbox onA = fork("on-a", "a");
    Sandbox onB = fork("on-b", "b");
    Map<String, Long> before = servicePids();
    int portOfA = runtime.routerPorts().get("a");
    int portOfC = runtime.routerPorts().get("c");
    write(Map.of("a", "", "b", ", VERSION: \"2\"", "d", ""));
    List<String> progress = new CopyOnWriteArrayList<>();

    EnvironmentChange change = runtime.apply(EnvironmentReader.read(file), progress::add);
    remember();

    assertThat(change.changed()).containsExactly("b");
    assertThat(change.added()).containsExactly("d");
    assertThat(change.removed()).containsExactly("c");
    assertThat(change.unchanged()).containsExactly("a");
    assertThat(progress.get(0))
        .isEqualTo(
            "environment 'rollout' from "
                + file.toAbsolutePath()
                + ": restart b; start d; stop c; keep a");
    Map<String, Long> after = servicePids();
    assertThat(after.keySet()).containsExactlyInAnyOrder("a", "b", "d");
    assertThat(after.get("a")).isEqualTo(before.get("a"));
    assertThat(after.get("b")).isNotEqualTo(before.get("b"));
    assertThat(alive(before.get("b"))).isFalse();
    assertThat(alive(before.get("c"))).isFalse();
    assertThat(runtime.environment().service("b").env()).containsEntry("VERSION", "2");
    assertThat(runtime.routerPorts()).containsEntry("a", portOfA).doesNotContainKey("c");
    assertThatThrownBy(() -> TestEnvironment.get("http://127.0.0.1:" + portOfC + "/x", null))
        .as("the removed service's router address is closed")
        .isInstanceOf(ConnectException.class);
    assertThat(TestEnvironment.get(url("d"), null).body())
        .contains("{\"service\":\"d\",\"servedBy\":\"baseline\"}");
    for (Sandbox kept : List.of(onA, onB)) {
      Sandbox now = runtime.sandbox(kept.name());
      assertThat(forkPid(now)).as(kept.name()).isEqualTo(forkPid(kept));
      String service = kept.spec().forks().get(0).service();
      assertThat(TestEnvironment.get(url(service), kept.routingKey().value()).body())
          .contains("\"servedBy\":\"" + kept.name() + "\"");
    }
    assertThat(runtime.createSandbox(spec("on-d", "d"), line -> {}).phase().name())
        .isEqualTo("READY");
    remember();
  }

  @Test
  void applyThatRemovesAForkedServiceIsRefusedNamingTheSandboxAndChangesNothing() throws Exception {
    fork("pr-7", "c");
    Map<String, Long> before = servicePids();
    write(Map.of("a", ", VERSION: \"2\"", "b", ""));
    Environment next = EnvironmentReader.read(file);

    assertThatThrownBy(() -> runtime.apply(next, line -> {}))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "cannot remove c: sandbox 'pr-7' forks c (delete those sandboxes first, or keep the"
                + " service in the file)");
    assertThat(servicePids()).isEqualTo(before);
    assertThat(runtime.environment().services().keySet()).containsExactly("a", "b", "c");
  }

  @Test
  void applyWhoseNewInstanceNeverGetsHealthyChangesNothing() throws Exception {
    Map<String, Long> before = servicePids();
    Files.writeString(
        file,
        Files.readString(file)
            + "  d:\n    command: [\"sh\", \"-c\", \"echo no such jar >&2; exit 1\"]\n");
    Environment next = EnvironmentReader.read(file);

    assertThatThrownBy(() -> runtime.apply(next, line -> {}))
        .isInstanceOf(ChangeFailedException.class)
        .hasMessageStartingWith(
            "the environment file "
                + file.toAbsolutePath()
                + " was not applied, nothing changed (every service and sandbox runs as before):\n"
                + "baseline/d exited with code 1")
        .hasMessageContaining("stderr no such jar");
    assertThat(servicePids()).isEqualTo(before);
    assertThat(runtime.routerPorts()).doesNotContainKey("d");
    assertThat(runtime.environment().services()).doesNotContainKey("d");
  }

  @Test
  void applyThatMovesTheRouterPortOfAKeptServiceIsRefused() throws Exception {
    int elsewhere = Ports.freePort();
    Files.writeString(
        file, Files.readString(file).replace("  b:\n", "  b:\n    port: " + elsewhere + "\n"));
    Environment next = EnvironmentReader.read(file);

    assertThatThrownBy(() -> runtime.apply(next, line -> {}))
        .isInstanceOf(ConflictException.class)
        .hasMessageStartingWith(
            "services.b.port: " + elsewhere + " (expected: " + runtime.routerPorts().get("b"));
  }

  private static SandboxSpec spec(String name, String service) {
    return new SandboxSpec(
        name, Optional.empty(), Optional.empty(), Map.of(), List.of(Fork.of(service)));
  }
}
