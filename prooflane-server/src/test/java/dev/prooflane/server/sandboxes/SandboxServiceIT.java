package dev.prooflane.server.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.policy.SandboxQuota;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.AuditRecords;
import dev.prooflane.server.DaemonParts;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox service over a real local runtime (EchoService forks) under a quota of 1 per owner.
 */
class SandboxServiceIT {
  private static final Caller ALICE = new Caller("alice", false);
  private static final Caller BOB = new Caller("bob", false);
  private static final Caller ADMIN = new Caller("root", true);

  /** Alice with sandbox:exec, whose forks may run a command of their own (a gated one here). */
  private static final Caller ALICE_EXEC = new Caller("alice", false, true);

  @TempDir static Path dir;
  private static DaemonParts parts;
  private static StateFolder state;
  private static SandboxService sandboxes;

  @BeforeAll
  static void start() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "sandboxes: {perOwner: 1, total: 3, maxTtl: 1h}\n");
    parts =
        DaemonParts.start(
            EchoEnvironment.single(dir),
            dir.resolve("state"),
            Duration.ofMillis(100),
            Optional.of(policy));
    state = parts.state();
    sandboxes = parts.sandboxes();
  }

  @AfterAll
  static void stop() {
    if (parts != null) {
      parts.close();
    }
  }

  @AfterEach
  void deleteEverySandbox() {
    sandboxes.list().forEach(s -> sandboxes.delete(s.name(), ADMIN));
  }

  private static SandboxSpec spec(String json) {
    return SandboxSpecReader.parse("<test>", json);
  }

  private static SandboxSpec fork(String name) {
    return spec("{\"name\": \"" + name + "\", \"forks\": [{\"service\": \"a\"}]}");
  }

  private static int refusals(String rule) {
    return AuditRecords.details(state, "policy.refused", "rule", rule).size();
  }

  @Test
  void createsASandboxOwnedByItsCallerWhateverItsLabelsSayAndRecordsIt() {
    Sandbox sandbox =
        sandboxes.create(
            spec(
                "{\"name\": \"own-1\", \"labels\": {\"prooflane.dev/owner\": \"bob\"},"
                    + " \"forks\": [{\"service\": \"a\"}]}"),
            ALICE,
            line -> {});

    assertThat(sandbox.phase()).isEqualTo(SandboxPhase.READY);
    assertThat(sandbox.spec().labels()).containsEntry(SandboxQuota.OWNER_LABEL, "alice");
    assertThat(sandboxes.list()).extracting(Sandbox::name).containsExactly("own-1");
    assertThat(sandboxes.get("own-1").routingKey()).isEqualTo(sandbox.routingKey());
    assertThat(AuditRecords.details(state, "sandbox.created", "sandbox", "own-1"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.path("owner").asText()).isEqualTo("alice");
              assertThat(d.path("phase").asText()).isEqualTo("READY");
              assertThat(d.path("routingKey").asText()).isEqualTo(sandbox.routingKey().value());
              assertThat(d.path("forks")).isEqualTo(Json.mapper().valueToTree(List.of("a")));
            });
  }

  @Test
  void refusesASandboxPastTheOwnersQuotaAndRecordsTheRefusal() {
    sandboxes.create(fork("quota-1"), ALICE, line -> {});
    int refusedBefore = refusals("sandboxes.perOwner");

    assertThatThrownBy(() -> sandboxes.create(fork("quota-2"), ALICE, line -> {}))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class, e -> assertThat(e.rule()).isEqualTo("sandboxes.perOwner"))
        .hasMessageContaining("'alice' has 1 sandbox already");

    assertThat(sandboxes.list()).extracting(Sandbox::name).containsExactly("quota-1");
    assertThat(refusals("sandboxes.perOwner")).isEqualTo(refusedBefore + 1);
    assertThat(AuditRecords.details(state, "sandbox.created", "sandbox", "quota-2")).isEmpty();
  }

  @Test
  void countsACreationUnderWayAgainstTheQuota() throws Exception {
    Path gate = dir.resolve("gate");
    SandboxSpec slow =
        spec(
            "{\"name\": \"slow-1\", \"forks\": [{\"service\": \"a\", \"command\": "
                + Json.write(EchoEnvironment.gatedCommand(gate))
                + "}]}");
    List<String> progress = new CopyOnWriteArrayList<>();
    CompletableFuture<Sandbox> first =
        CompletableFuture.supplyAsync(() -> sandboxes.create(slow, ALICE_EXEC, progress::add));
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> progress.stream().anyMatch(l -> l.contains("forking a")));

      assertThatThrownBy(() -> sandboxes.create(fork("slow-2"), ALICE, line -> {}))
          .isInstanceOfSatisfying(
              PolicyRefusedException.class,
              e -> assertThat(e.rule()).isEqualTo("sandboxes.perOwner"));
      assertThat(first).isNotDone();
    } finally {
      Files.createFile(gate);
    }
    assertThat(first.get(30, TimeUnit.SECONDS).phase()).isEqualTo(SandboxPhase.READY);
  }

  @Test
  void admitsOnlyOneOfConcurrentCreationsOfTheSameOwner() throws Exception {
    int creators = 4;
    ExecutorService pool = Executors.newFixedThreadPool(creators);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Sandbox>> results = new ArrayList<>();
    try {
      for (int i = 0; i < creators; i++) {
        SandboxSpec spec = fork("race-" + i);
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return sandboxes.create(spec, BOB, line -> {});
                }));
      }
      go.countDown();
      int created = 0;
      int refused = 0;
      for (Future<Sandbox> result : results) {
        try {
          result.get(60, TimeUnit.SECONDS);
          created++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause())
              .isInstanceOfSatisfying(
                  PolicyRefusedException.class,
                  r -> assertThat(r.rule()).isEqualTo("sandboxes.perOwner"));
          refused++;
        }
      }
      assertThat(Map.of("created", created, "refused", refused))
          .isEqualTo(Map.of("created", 1, "refused", creators - 1));
      assertThat(sandboxes.list()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void letsOnlyTheOwnerOrAnAdminDeleteASandboxAndRecordsWhoDid() {
    sandboxes.create(fork("owned-1"), ALICE, line -> {});

    assertThatThrownBy(() -> sandboxes.delete("owned-1", BOB))
        .isInstanceOfSatisfying(
            PolicyRefusedException.class,
            e -> assertThat(e.rule()).isEqualTo(SandboxService.OWNER_RULE))
        .hasMessage(
            "refused by policy sandboxes.owner: sandbox 'owned-1' belongs to 'alice', not to"
                + " 'bob'; ask its owner, or delete it with a policy:admin token");
    assertThat(sandboxes.list()).extracting(Sandbox::name).containsExactly("owned-1");
    assertThat(AuditRecords.details(state, "policy.refused", "rule", SandboxService.OWNER_RULE))
        .anySatisfy(d -> assertThat(d.path("message").asText()).contains("'owned-1'"));

    sandboxes.delete("owned-1", ADMIN);
    sandboxes.create(fork("owned-2"), ALICE, line -> {});
    sandboxes.delete("owned-2", ALICE);

    assertThat(sandboxes.list()).isEmpty();
    assertThat(AuditRecords.aboutSandbox(state, "sandbox.deleted", "owned-1", "by"))
        .containsExactly("root");
    assertThat(AuditRecords.aboutSandbox(state, "sandbox.deleted", "owned-2", "by"))
        .containsExactly("alice");
  }

  @Test
  void answersNotFoundForAnUnknownSandboxAndRecordsNoDeletion() {
    assertThatThrownBy(() -> sandboxes.get("ghost")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> sandboxes.delete("ghost", ADMIN))
        .isInstanceOf(NotFoundException.class);
    assertThat(AuditRecords.details(state, "sandbox.deleted", "sandbox", "ghost")).isEmpty();
  }

  @Test
  void recordsASandboxWhoseTtlRanOut() {
    sandboxes.create(
        spec("{\"name\": \"brief-1\", \"ttl\": \"1s\", \"forks\": [{\"service\": \"a\"}]}"),
        ALICE,
        line -> {});

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> !AuditRecords.details(state, "sandbox.expired", "sandbox", "brief-1").isEmpty());
    JsonNode expired = AuditRecords.details(state, "sandbox.expired", "sandbox", "brief-1").get(0);
    assertThat(expired.path("owner").asText()).isEqualTo("alice");
    assertThat(expired.path("ttl").asText()).isEqualTo("1s");
    // the record is written before the deletion (so that one never happens without the other)
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(sandboxes.list()).extracting(Sandbox::name).doesNotContain("brief-1"));
  }
}
