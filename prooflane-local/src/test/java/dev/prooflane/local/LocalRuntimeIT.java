package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.SpecException;
import dev.prooflane.routing.RoutingKeyConflictException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRuntimeIT {
  @TempDir Path dir;
  private Environment env;
  private LocalRuntime runtime;
  private final List<Long> seenPids = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    env = TestEnvironment.chain(dir);
    runtime = start(Duration.ofMillis(200));
  }

  private LocalRuntime start(Duration ttlCheck) {
    LocalRuntime r =
        LocalRuntime.start(
            env,
            new LocalOptions(
                StateFolder.of(dir.resolve(".prooflane")),
                Clock.systemUTC(),
                Duration.ofSeconds(3),
                ttlCheck),
            line -> {});
    r.services().forEach(s -> seenPids.add(s.pid()));
    return r;
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    assertThat(seenPids)
        .as("no process of ours survives close()")
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse());
  }

  private String url(String service) {
    return "http://127.0.0.1:" + runtime.routerPorts().get(service) + "/x";
  }

  private Sandbox create(String name, String service, Optional<Duration> ttl) {
    Sandbox s =
        runtime.createSandbox(
            new SandboxSpec(name, Optional.empty(), ttl, Map.of(), List.of(Fork.of(service))),
            line -> {});
    s.forks().forEach(f -> seenPids.add(f.pid()));
    return s;
  }

  private Sandbox createWithKey(String name, String service, RoutingKey key) {
    return runtime.createSandbox(
        new SandboxSpec(
            name, Optional.of(key), Optional.empty(), Map.of(), List.of(Fork.of(service))),
        line -> {});
  }

  @Test
  void keyedRequestReachesForkAtMiddleHopOnly() throws Exception {
    Sandbox sandbox = create("mid", "b", Optional.empty());
    assertThat(sandbox.phase()).isEqualTo(SandboxPhase.READY);

    HttpResponse<String> keyed = TestEnvironment.get(url("a"), sandbox.routingKey().value());
    assertThat(keyed.statusCode()).isEqualTo(200);
    assertThat(keyed.body())
        .contains(
            "{\"service\":\"a\",\"servedBy\":\"baseline\"},{\"service\":\"b\",\"servedBy\":\"mid\"},{\"service\":\"c\",\"servedBy\":\"baseline\"}");

    HttpResponse<String> unkeyed = TestEnvironment.get(url("a"), null);
    assertThat(unkeyed.body()).doesNotContain("mid");

    HttpResponse<String> otherKey = TestEnvironment.get(url("a"), "not-a-sandbox");
    assertThat(otherKey.body()).doesNotContain("\"mid\"");

    assertThat(runtime.hops().byKey(sandbox.routingKey().value()))
        .extracting(h -> h.service() + "=" + h.destination())
        .contains("a=baseline", "b=mid", "c=baseline");
    assertThat(runtime.logs("b", "mid").tail(50))
        .anySatisfy(l -> assertThat(l.text()).contains("b mid /x"));
  }

  @Test
  void crashedForkGets503NeverTheBaseline() throws Exception {
    Sandbox sandbox = create("crashy", "c", Optional.empty());
    ProcessHandle.of(sandbox.forks().get(0).pid()).orElseThrow().destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> runtime.sandbox("crashy").phase() == SandboxPhase.DEGRADED);

    HttpResponse<String> direct = TestEnvironment.get(url("c"), sandbox.routingKey().value());
    assertThat(direct.statusCode()).isEqualTo(503);
    assertThat(direct.body()).contains("crashy").contains("\"service\":\"c\"");
    assertThat(runtime.sandbox("crashy").message()).contains("exited");

    HttpResponse<String> unkeyed = TestEnvironment.get(url("c"), null);
    assertThat(unkeyed.statusCode()).isEqualTo(200);
  }

  @Test
  void deleteRestoresBaselineImmediatelyAndStopsTheFork() throws Exception {
    Sandbox sandbox = create("gone", "b", Optional.empty());
    long pid = sandbox.forks().get(0).pid();
    runtime.deleteSandbox("gone");
    HttpResponse<String> keyed = TestEnvironment.get(url("a"), sandbox.routingKey().value());
    assertThat(keyed.statusCode()).isEqualTo(200);
    assertThat(keyed.body()).doesNotContain("gone");
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(runtime.sandboxes()).isEmpty();
  }

  @Test
  void ttlExpiryDeletesTheSandboxAndTellsTheListener() throws Exception {
    List<String> expired = new java.util.concurrent.CopyOnWriteArrayList<>();
    runtime.onSandboxExpired(s -> expired.add(s.name()));
    Sandbox sandbox = create("brief", "b", Optional.of(Duration.ofSeconds(1)));
    assertThat(sandbox.expiresAt()).isPresent();
    await().atMost(Duration.ofSeconds(10)).until(() -> runtime.sandboxes().isEmpty());
    await().atMost(Duration.ofSeconds(10)).until(() -> expired.equals(List.of("brief")));
    assertThat(
            ProcessHandle.of(sandbox.forks().get(0).pid())
                .map(ProcessHandle::isAlive)
                .orElse(false))
        .isFalse();
    assertThat(TestEnvironment.get(url("a"), sandbox.routingKey().value()).body())
        .doesNotContain("brief");
  }

  @Test
  void aBaselineInstanceThatDiesIsStartedAgainAndServesOnceHealthy() throws Exception {
    ServiceStatus before =
        runtime.services().stream().filter(s -> s.name().equals("b")).findFirst().orElseThrow();
    ProcessHandle.of(before.pid()).orElseThrow().destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                runtime.services().stream()
                    .anyMatch(s -> s.name().equals("b") && !s.message().isEmpty()));
    ServiceStatus restarting =
        runtime.services().stream().filter(s -> s.name().equals("b")).findFirst().orElseThrow();
    assertThat(restarting.message())
        .contains("baseline instance exited")
        .contains("restart 1 in 1s");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                runtime.services().stream()
                    .anyMatch(
                        s ->
                            s.name().equals("b")
                                && s.state().equals("running")
                                && s.pid() != before.pid()
                                && s.message().isEmpty()));
    runtime.services().forEach(s -> seenPids.add(s.pid()));
    assertThat(TestEnvironment.get(url("b"), null).statusCode()).isEqualTo(200);
  }

  @Test
  void restartBringsSandboxesBackWithTheirKeys() throws Exception {
    Sandbox before = create("kept", "c", Optional.empty());
    runtime.close();
    runtime = null;
    assertThat(
            ProcessHandle.of(before.forks().get(0).pid()).map(ProcessHandle::isAlive).orElse(false))
        .isFalse();

    runtime = start(Duration.ofMillis(200));
    Sandbox after = runtime.sandbox("kept");
    after.forks().forEach(f -> seenPids.add(f.pid()));
    assertThat(after.phase()).isEqualTo(SandboxPhase.READY);
    assertThat(after.routingKey()).isEqualTo(before.routingKey());
    assertThat(TestEnvironment.get(url("a"), before.routingKey().value()).body())
        .contains("{\"service\":\"c\",\"servedBy\":\"kept\"}");
  }

  @Test
  void unknownServiceAndDuplicateNamesAreRefusedClearly() {
    create("one", "b", Optional.empty());
    assertThatThrownBy(() -> create("one", "c", Optional.empty()))
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> create("two", "nope", Optional.empty()))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("forks[0].service")
        .hasMessageContaining("no service 'nope'");
    assertThatThrownBy(() -> create("three", "c", Optional.of(Duration.ofHours(2))))
        .hasMessageContaining("maxTtl");
    RoutingKey used = runtime.sandbox("one").routingKey();
    assertThatThrownBy(() -> createWithKey("four", "c", used))
        .hasMessageContaining("already used by sandbox 'one'");
  }

  @Test
  void keyOfAnotherSandboxIsRefusedByTheRouteTableAndLeavesNothingBehind() throws Exception {
    RoutingKey used = create("one", "b", Optional.empty()).routingKey();

    assertThatThrownBy(() -> createWithKey("four", "c", used))
        .isInstanceOf(RoutingKeyConflictException.class)
        .hasMessage(
            "routing key '"
                + used
                + "' is already used by sandbox 'one' (leave the routing key out to have one"
                + " generated)");

    assertThat(runtime.sandboxes()).extracting(Sandbox::name).containsExactly("one");
    assertThat(TestEnvironment.get(url("a"), used.value()).body())
        .as("the key still reaches only the holder's fork")
        .contains("{\"service\":\"b\",\"servedBy\":\"one\"}")
        .contains("{\"service\":\"c\",\"servedBy\":\"baseline\"}");
    runtime.close();
    runtime = null;
    runtime = start(Duration.ofMillis(200));
    runtime.sandboxes().forEach(s -> s.forks().forEach(f -> seenPids.add(f.pid())));
    assertThat(runtime.sandboxes())
        .as("nothing of the refused sandbox was stored")
        .extracting(Sandbox::name)
        .containsExactly("one");
  }

  @Test
  void forkThatNeverGetsHealthyFailsCreateAndLeavesNothing() {
    Fork broken =
        new Fork(
            "b",
            Optional.of(List.of("sh", "-c", "echo cannot start >&2; exit 7")),
            List.of(),
            Map.of(),
            List.of(),
            Optional.empty());
    assertThatThrownBy(
            () ->
                runtime.createSandbox(
                    new SandboxSpec(
                        "bad", Optional.empty(), Optional.empty(), Map.of(), List.of(broken)),
                    line -> {}))
        .isInstanceOf(SandboxFailedException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining("cannot start");
    assertThat(runtime.sandboxes()).isEmpty();
  }
}
