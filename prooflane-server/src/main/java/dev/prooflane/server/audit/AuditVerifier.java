package dev.prooflane.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks an audit log: each line is a record whose {@code seq} follows the one before, whose {@code
 * prev} is the SHA-256 of the line before, and whose {@code hash} matches its content; and the log
 * reaches the record named in {@code audit.head}. Reports the first broken record.
 */
public final class AuditVerifier {
  private AuditVerifier() {}

  /** Verifies {@code <stateDir>/audit.jsonl}. */
  public static AuditCheck verify(Path stateDir) {
    StateFolder state = StateFolder.of(stateDir);
    Path file = state.audit();
    List<String> lines;
    try {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.UTF_8);
      lines = text.lines().toList();
      if (!text.isEmpty() && !text.endsWith("\n")) {
        return AuditCheck.broken(
            lines.size() - 1,
            lines.size() - 1,
            lines.size(),
            lines.size(),
            "the last line is cut off (no line end): a torn or truncated write");
      }
    } catch (IOException e) {
      throw new ProoflaneException("cannot read the audit log " + file + ": " + e.getMessage(), e);
    }
    String prevLine = null;
    long expected = 1;
    for (int i = 0; i < lines.size(); i++) {
      int line = i + 1;
      long read = expected - 1;
      JsonNode node;
      try {
        node = AuditJson.MAPPER.readTree(lines.get(i));
      } catch (IOException e) {
        return AuditCheck.broken(
            read, read, line, expected, "not a JSON record: the line was edited");
      }
      if (!(node instanceof ObjectNode record) || !record.path("seq").canConvertToLong()) {
        return AuditCheck.broken(read, read, line, expected, "not an audit record (no seq)");
      }
      long seq = record.get("seq").asLong();
      if (seq != expected) {
        return AuditCheck.broken(
            read,
            read,
            line,
            seq,
            "seq "
                + seq
                + " where "
                + expected
                + " was expected: "
                + (seq > expected
                    ? "record "
                        + expected
                        + (seq - 1 > expected ? " to " + (seq - 1) : "")
                        + " is missing here (deleted, or moved later)"
                    : "records were reordered or duplicated"));
      }
      String prev = prevLine == null ? AuditJson.GENESIS : AuditJson.sha256(prevLine);
      if (!prev.equals(record.path("prev").asText())) {
        return AuditCheck.broken(
            read,
            read,
            line,
            seq,
            "prev does not match the line before it: "
                + (prevLine == null
                    ? "the first record does not start the chain (records were cut off the start)"
                    : "record " + (seq - 1) + " was edited, or this record was moved"));
      }
      String hash = record.path("hash").asText();
      @SuppressWarnings("unchecked")
      Map<String, Object> content = new TreeMap<>(AuditJson.MAPPER.convertValue(record, Map.class));
      content.remove("hash");
      if (!hash.equals(AuditJson.sha256(AuditJson.canonical(content)))) {
        return AuditCheck.broken(
            read, read, line, seq, "hash does not match the record: it was edited");
      }
      prevLine = lines.get(i);
      expected++;
    }
    long last = expected - 1;
    long head = head(state.auditHead());
    if (head > last) {
      return AuditCheck.broken(
          last,
          last,
          lines.size() + 1,
          last + 1,
          "the log ends at seq "
              + last
              + " but "
              + state.auditHead().getFileName()
              + " names seq "
              + head
              + ": records were cut off the end");
    }
    return AuditCheck.intact(last, last);
  }

  private static long head(Path head) {
    try {
      return Files.exists(head)
          ? AuditJson.MAPPER.readTree(head.toFile()).path("seq").asLong(0)
          : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The last {@code n} lines of {@code <stateDir>/audit.jsonl}. */
  public static List<String> tail(Path stateDir, int n) {
    Path file = StateFolder.of(stateDir).audit();
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    } catch (IOException e) {
      throw new ProoflaneException("cannot read the audit log " + file + ": " + e.getMessage(), e);
    }
  }
}
