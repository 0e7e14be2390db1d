package dev.prooflane.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.policy.Redactor;
import dev.prooflane.local.StateFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeFiveRecords() {
    try (AuditLog log = AuditLog.open(StateFolder.of(dir), Redactor.DEFAULT::value)) {
      for (int i = 1; i <= 5; i++) {
        log.record(
            "local",
            "action.executed",
            Map.of("step", "s" + i, "message", "token " + JWT, "headers", Map.of("Cookie", "a=1")));
      }
    }
    file = StateFolder.of(dir).audit();
  }

  private List<String> lines() throws Exception {
    return new ArrayList<>(Files.readAllLines(file));
  }

  private void write(List<String> lines) throws Exception {
    Files.writeString(file, String.join("\n", lines) + "\n");
  }

  @Test
  void anIntactChainVerifiesAndKeepsNoSecret() throws Exception {
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.ok()).as(check.problem()).isTrue();
    assertThat(check.records()).isEqualTo(5);
    String text = Files.readString(file);
    assertThat(text).doesNotContain(JWT, "a=1").contains("\"Cookie\":\"[redacted]\"");
    assertThat(lines().get(0))
        .startsWith("{\"actor\":\"local\",\"details\":{")
        .contains("\"prev\":\"" + "0".repeat(64) + "\"", "\"seq\":1");
  }

  @Test
  void continuesTheChainAfterReopening() throws Exception {
    try (AuditLog log = AuditLog.open(StateFolder.of(dir), Redactor.DEFAULT::value)) {
      log.record("local", "run.started", Map.of("runId", "r1"));
    }
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.ok()).as(check.problem()).isTrue();
    assertThat(check.lastSeq()).isEqualTo(6);
  }

  @Test
  void detectsAnEditedRecord() throws Exception {
    List<String> lines = lines();
    lines.set(2, lines.get(2).replace("\"s3\"", "\"s9\""));
    write(lines);
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.ok()).isFalse();
    assertThat(check.line()).isEqualTo(3);
    assertThat(check.seq()).isEqualTo(3);
    assertThat(check.problem()).contains("hash does not match");
  }

  @Test
  @SuppressWarnings("unchecked")
  void detectsAnEditWhoseHashWasRecomputedAtTheNextRecord() throws Exception {
    List<String> lines = lines();
    Map<String, Object> record =
        new java.util.TreeMap<>(AuditJson.MAPPER.readValue(lines.get(2), Map.class));
    record.put("event", "run.finished");
    record.remove("hash");
    record.put("hash", AuditJson.sha256(AuditJson.canonical(record)));
    lines.set(2, AuditJson.canonical(record));
    write(lines);
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.line()).isEqualTo(4);
    assertThat(check.seq()).isEqualTo(4);
    assertThat(check.problem()).contains("prev does not match", "record 3 was edited");
  }

  @Test
  void detectsADeletedRecord() throws Exception {
    List<String> lines = lines();
    lines.remove(2);
    write(lines);
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.line()).isEqualTo(3);
    assertThat(check.seq()).isEqualTo(4);
    assertThat(check.problem()).contains("seq 4 where 3 was expected", "record 3");
    assertThat(check.records()).isEqualTo(2);
  }

  @Test
  void detectsReorderedRecords() throws Exception {
    List<String> lines = lines();
    Collections.swap(lines, 2, 3);
    write(lines);
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.line()).isEqualTo(3);
    assertThat(check.seq()).isEqualTo(4);
  }

  @Test
  void detectsRecordsCutOffTheEnd() throws Exception {
    write(lines().subList(0, 3));
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.ok()).isFalse();
    assertThat(check.seq()).isEqualTo(4);
    assertThat(check.problem()).contains("cut off the end", "names seq 5");
  }

  @Test
  void detectsATornLastLine() throws Exception {
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() - 10));
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.line()).isEqualTo(5);
    assertThat(check.seq()).isEqualTo(5);
    assertThat(check.problem()).contains("cut off");
  }

  @Test
  void aFailedAppendLeavesTheLogAsItWasAndTheChainGoesOn() throws Exception {
    byte[] before = Files.readAllBytes(file);
    boolean[] full = {true};
    AuditLog.BeforeAppend disk =
        target -> {
          if (full[0]) {
            // what a disk that fills up mid-record leaves: part of a line, then the error
            Files.writeString(target, "{\"actor\":\"loc", java.nio.file.StandardOpenOption.APPEND);
            throw new java.io.IOException("No space left on device");
          }
        };
    try (AuditLog log = AuditLog.open(StateFolder.of(dir), Redactor.DEFAULT::value, disk)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> log.record("local", "sandbox.deleted", Map.of("sandbox", "a")))
          .isInstanceOfSatisfying(
              dev.prooflane.local.store.StateWriteException.class,
              e -> {
                assertThat(e.full()).isTrue();
                assertThat(e.file()).isEqualTo(file);
              })
          .hasMessage(
              "cannot append to the audit log "
                  + file
                  + ": No space left on device; free space on the disk of the state folder "
                  + dir.toAbsolutePath()
                  + ", then retry");
      assertThat(Files.readAllBytes(file)).isEqualTo(before);
      assertThat(AuditVerifier.verify(dir).ok()).isTrue();

      full[0] = false;
      assertThat(log.record("local", "sandbox.deleted", Map.of("sandbox", "a"))).isEqualTo(6);
    }
    AuditCheck check = AuditVerifier.verify(dir);
    assertThat(check.ok()).as(check.problem()).isTrue();
    assertThat(check.records()).isEqualTo(6);
  }
}
