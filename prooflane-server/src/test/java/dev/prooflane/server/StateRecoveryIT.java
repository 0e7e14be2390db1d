package dev.prooflane.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.store.StateStore;
import dev.prooflane.local.store.StateWriteException;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.sandboxes.Caller;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a daemon finds when it starts again: a damaged state database, recovered from its backup; a
 * sandbox whose TTL ran out meanwhile, recorded before its record goes.
 */
class StateRecoveryIT {
  @TempDir Path dir;

  @Test
  void aDaemonRecoversADamagedStateDatabaseFromItsBackupAndRecordsIt() throws Exception {
    Path stateDir = dir.resolve("state");
    StateFolder state = StateFolder.of(stateDir);
    try (DaemonParts parts =
        DaemonParts.start(
            EchoEnvironment.single(dir), stateDir, Duration.ofSeconds(1), Optional.empty())) {
      parts
          .sandboxes()
          .create(
              SandboxSpecReader.parse(
                  "<test>", "{\"name\": \"rec-1\", \"forks\": [{\"service\": \"a\"}]}"),
              new Caller("admin", true),
              line -> {});
    }
    try (FileChannel db = FileChannel.open(state.stateDb(), StandardOpenOption.WRITE)) {
      db.write(
          ByteBuffer.wrap("not SQLite any more".repeat(8).getBytes(StandardCharsets.UTF_8)), 0);
    }

    List<String> progress = new CopyOnWriteArrayList<>();
    try (Daemon daemon =
        Daemon.start(EchoEnvironment.single(dir), stateDir, "127.0.0.1", 0, progress::add)) {
      assertThat(daemon.runtime().sandboxes())
          .extracting(Sandbox::name, Sandbox::phase)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("rec-1", SandboxPhase.READY));
    }

    assertThat(progress)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("WARNING: the state database was damaged (")
                    .contains("recovered from the backup " + state.stateBackup().toAbsolutePath())
                    .contains("1 sandbox(es) rec-1")
                    .contains("Its rows could not be read"));
    try (Stream<Path> files = Files.list(stateDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.matches("state\\.db\\.corrupt-\\d{8}T\\d{6}Z"));
    }
    JsonNode recovered =
        AuditRecords.all(state).stream()
            .filter(r -> r.path("event").asText().equals("state.recovered"))
            .findFirst()
            .orElseThrow()
            .path("details");
    assertThat(recovered.path("recovered").get(0).asText()).isEqualTo("rec-1");
    assertThat(recovered.path("cause").asText()).contains("not a database");
  }

  @Test
  void aSandboxThatExpiredWhileNoDaemonRanIsRecordedBeforeItsRecordIsDeleted() throws Exception {
    Path stateDir = dir.resolve("state");
    StateFolder state = StateFolder.of(stateDir);
    Instant expiresAt;
    try (DaemonParts parts =
        DaemonParts.start(
            EchoEnvironment.single(dir), stateDir, Duration.ofSeconds(1), Optional.empty())) {
      expiresAt =
          parts
              .sandboxes()
              .create(
                  SandboxSpecReader.parse(
                      "<test>",
                      "{\"name\": \"late-1\", \"ttl\": \"5s\", \"forks\": [{\"service\": \"a\"}]}"),
                  new Caller("admin", true),
                  line -> {})
              .expiresAt()
              .orElseThrow();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(expiresAt));

    assertThatThrownBy(
            () ->
                DaemonParts.start(
                    EchoEnvironment.single(dir),
                    stateDir,
                    Duration.ofSeconds(1),
                    Optional.empty(),
                    file -> {
                      throw new IOException("No space left on device");
                    }))
        .isInstanceOf(StateWriteException.class);
    try (StateStore store = new StateStore(state.stateDb())) {
      assertThat(store.sandbox("late-1")).as("kept: its expiry was not recorded").isPresent();
    }

    try (DaemonParts parts =
        DaemonParts.start(
            EchoEnvironment.single(dir), stateDir, Duration.ofSeconds(1), Optional.empty())) {
      assertThat(parts.sandboxes().list()).isEmpty();
      assertThat(AuditRecords.details(state, "sandbox.expired", "sandbox", "late-1")).hasSize(1);
    }
    try (StateStore store = new StateStore(state.stateDb())) {
      assertThat(store.sandbox("late-1")).isEmpty();
    }
  }
}
