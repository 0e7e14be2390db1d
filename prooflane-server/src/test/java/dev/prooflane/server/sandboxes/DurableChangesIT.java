package dev.prooflane.server.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.store.StateWriteException;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.ApiOverParts;
import dev.prooflane.server.AuditRecords;
import dev.prooflane.server.DaemonParts;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.audit.AuditCheck;
import dev.prooflane.server.audit.AuditVerifier;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change and its audit record succeed together or not at all, over a real runtime and the real
 * API: the audit log's appends fail on demand (an injected full disk, which always runs; {@code
 * FullDiskIT} fills a real one where the test may mount it).
 */
class DurableChangesIT {
  private static final Caller ADMIN = new Caller("admin", true);
  private static final String FULL = "No space left on device";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static final AtomicReference<String> failure = new AtomicReference<>();
  private static final AtomicInteger failed = new AtomicInteger();
  private static DaemonParts parts;
  private static StateFolder state;
  private static SandboxService sandboxes;
  private static ApiOverParts api;

  @BeforeAll
  static void start() throws Exception {
    parts =
        DaemonParts.start(
            EchoEnvironment.single(dir),
            dir.resolve("state"),
            Duration.ofMillis(100),
            Optional.empty(),
            file -> {
              String problem = failure.get();
              if (problem != null) {
                failed.incrementAndGet();
                throw new IOException(problem);
              }
            });
    state = parts.state();
    sandboxes = parts.sandboxes();
    api = ApiOverParts.start(parts);
  }

  @AfterAll
  static void stop() {
    failure.set(null);
    if (api != null) {
      api.close();
    }
    if (parts != null) {
      parts.close();
    }
  }

  @AfterEach
  void diskHasRoomAgainAndNoSandboxIsLeft() {
    failure.set(null);
    parts.deleteEverySandbox();
    AuditCheck check = AuditVerifier.verify(state.root());
    assertThat(check.ok()).as(check.problem()).isTrue();
  }

  private static Sandbox create(String name, String ttl) {
    return sandboxes.create(
        SandboxSpecReader.parse(
            "<test>", "{\"name\": \"" + name + "\"" + ttl + ", \"forks\": [{\"service\": \"a\"}]}"),
        ADMIN,
        line -> {});
  }

  private static HttpResponse<String> keyed(Sandbox sandbox) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + parts.runtime().routerPorts().get("a") + "/x"))
            .header("baggage", "prooflane-key=" + sandbox.routingKey().value())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDeletionWhoseRecordCannotBeWrittenChangesNothingAndIsAnswered507() throws Exception {
    Sandbox sandbox = create("keep-1", "");
    long fork = sandbox.forks().get(0).pid();
    failure.set(FULL);

    HttpResponse<String> refused = api.send("DELETE", "/sandboxes/keep-1", api.admin(), null);

    assertThat(refused.statusCode()).isEqualTo(507);
    JsonNode error = Json.mapper().readTree(refused.body());
    assertThat(error.path("error").asText()).isEqualTo("insufficient_storage");
    assertThat(error.path("message").asText())
        .isEqualTo(
            "sandbox 'keep-1' was not deleted: cannot append to the audit log "
                + state.audit().toAbsolutePath()
                + ": No space left on device; free space on the disk of the state folder "
                + state.root().toAbsolutePath()
                + ", then retry");
    assertThat(sandboxes.get("keep-1").phase()).isEqualTo(SandboxPhase.READY);
    assertThat(ProcessHandle.of(fork).map(ProcessHandle::isAlive)).hasValue(true);
    assertThat(keyed(sandbox).body()).contains("keep-1");
    assertThat(AuditRecords.details(state, "sandbox.deleted", "sandbox", "keep-1")).isEmpty();

    failure.set(null);
    assertThat(api.send("DELETE", "/sandboxes/keep-1", api.admin(), null).statusCode())
        .isEqualTo(200);
    assertThat(sandboxes.list()).isEmpty();
    assertThat(AuditRecords.aboutSandbox(state, "sandbox.deleted", "keep-1", "by"))
        .containsExactly("admin");
  }

  @Test
  void aCreationWhoseRecordCannotBeWrittenIsUndone() {
    List<String> progress = new CopyOnWriteArrayList<>();
    failure.set(FULL);

    assertThatThrownBy(
            () ->
                sandboxes.create(
                    SandboxSpecReader.parse(
                        "<test>", "{\"name\": \"undone-1\", \"forks\": [{\"service\": \"a\"}]}"),
                    ADMIN,
                    progress::add))
        .isInstanceOfSatisfying(StateWriteException.class, e -> assertThat(e.full()).isTrue())
        .hasMessageStartingWith(
            "sandbox 'undone-1' was not created (it was undone): cannot append to the audit log");

    assertThat(sandboxes.list()).isEmpty();
    long pid =
        Long.parseLong(
            progress.stream()
                .filter(l -> l.contains("started pid "))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*started pid (\\d+).*", "$1"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    failure.set(null);
    assertThat(create("undone-1", "").phase())
        .as("nothing of the undone sandbox is left: the name is free")
        .isEqualTo(SandboxPhase.READY);
  }

  @Test
  void anExpiryWhoseRecordCannotBeWrittenKeepsTheSandboxUntilItCanBe() {
    create("brief-1", ", \"ttl\": \"6s\"");
    failed.set(0);
    failure.set(FULL);

    await().atMost(Duration.ofSeconds(20)).until(() -> failed.get() >= 3);
    assertThat(sandboxes.list()).extracting(Sandbox::name).containsExactly("brief-1");
    assertThat(AuditRecords.details(state, "sandbox.expired", "sandbox", "brief-1")).isEmpty();

    failure.set(null);
    await().atMost(Duration.ofSeconds(20)).until(() -> sandboxes.list().isEmpty());
    assertThat(AuditRecords.details(state, "sandbox.expired", "sandbox", "brief-1")).hasSize(1);
  }

  @Test
  void aTokenIsCreatedAndRevokedOnlyTogetherWithItsRecord() throws Exception {
    failure.set(FULL);
    HttpResponse<String> notCreated =
        api.send(
            "POST", "/tokens", api.admin(), "{\"name\": \"ci\", \"scopes\": [\"sandbox:read\"]}");

    assertThat(notCreated.statusCode()).isEqualTo(507);
    assertThat(notCreated.body()).contains("token 'ci' was not created").doesNotContain("pl_");
    assertThat(api.tokens().list()).extracting(t -> t.name()).containsExactly("admin");

    failure.set(null);
    JsonNode created = api.token("ci", "[\"sandbox:read\"]");
    String id = created.path("id").asText();
    String secret = created.path("token").asText();
    assertThat(AuditRecords.details(state, "token.created", "id", id))
        .singleElement()
        .satisfies(
            d -> assertThat(d.toString()).doesNotContain(secret).contains("\"by\":\"admin\""));

    failure.set(FULL);
    assertThat(api.send("DELETE", "/tokens/" + id, api.admin(), null).statusCode()).isEqualTo(507);
    assertThat(api.send("GET", "/sandboxes", secret, null).statusCode()).isEqualTo(200);

    failure.set(null);
    assertThat(api.send("DELETE", "/tokens/" + id, api.admin(), null).statusCode()).isEqualTo(200);
    assertThat(api.send("GET", "/sandboxes", secret, null).statusCode()).isEqualTo(401);
    assertThat(AuditRecords.details(state, "token.revoked", "id", id)).hasSize(1);
  }

  @Test
  void aChangeThatFailsAfterItsRecordWasWrittenIsRecordedAsFailed() {
    java.util.Map<String, Object> details = java.util.Map.of("sandbox", "ghost-1", "by", "admin");

    assertThatThrownBy(
            () ->
                parts
                    .governance()
                    .change(
                        "sandbox.deleted",
                        details,
                        "sandbox 'ghost-1' was not deleted",
                        () -> {
                          throw new IllegalStateException("the runtime said no");
                        }))
        .hasMessage("the runtime said no");

    long seq =
        AuditRecords.all(state).stream()
            .filter(r -> r.path("event").asText().equals("sandbox.deleted"))
            .filter(r -> r.path("details").path("sandbox").asText().equals("ghost-1"))
            .findFirst()
            .orElseThrow()
            .path("seq")
            .asLong();
    assertThat(AuditRecords.details(state, "change.failed", "sandbox", "ghost-1"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.path("seq").asLong()).isEqualTo(seq);
              assertThat(d.path("event").asText()).isEqualTo("sandbox.deleted");
              assertThat(d.path("error").asText()).isEqualTo("the runtime said no");
            });
  }

  @Test
  void aRefusalThatCannotBeRecordedIsAnswered507AndChangesNothing() throws Exception {
    create("mine-1", "");
    String bob = api.token("bob", "[\"sandbox:write\"]").path("token").asText();
    assertThat(api.send("DELETE", "/sandboxes/mine-1", bob, null).statusCode()).isEqualTo(403);

    failure.set(FULL);
    assertThat(api.send("DELETE", "/sandboxes/mine-1", bob, null).statusCode()).isEqualTo(507);
    assertThat(sandboxes.list()).extracting(Sandbox::name).containsExactly("mine-1");
  }
}
