package dev.prooflane.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.sandboxes.Caller;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon that finds its state database damaged recovers it from the backup and says so. */
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
}
