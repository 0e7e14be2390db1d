package dev.prooflane.server.audit;

import dev.prooflane.local.StateFolder;
import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The daemon's audit log, {@code <stateDir>/audit.jsonl}: one JSON record per line, each carrying
 * the SHA-256 of the line before it ({@code prev}) and of its own content ({@code hash}), so that
 * an edit, deletion or reordering breaks the chain. Appends are serialised, locked and forced to
 * disk before {@link #record} returns; {@code audit.head} keeps the last seq and hash so that
 * cutting records off the end is detected too. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private final Path file;
  private final Path head;
  private final FileChannel channel;
  private final UnaryOperator<Object> redact;
  private long seq;
  private String prev;

  private AuditLog(
      Path file,
      Path head,
      FileChannel channel,
      UnaryOperator<Object> redact,
      long seq,
      String prev) {
    this.file = file;
    this.head = head;
    this.channel = channel;
    this.redact = redact;
    this.seq = seq;
    this.prev = prev;
  }

  /**
   * Opens (or creates) the log in {@code state}, continuing its chain; {@code redact} is applied to
   * every record's details before it is written.
   */
  public static AuditLog open(StateFolder state, UnaryOperator<Object> redact) {
    Path file = state.audit();
    try {
      Files.createDirectories(state.root());
      long seq = 0;
      String prev = AuditJson.GENESIS;
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
          if (!lines.get(i).isBlank()) {
            prev = AuditJson.sha256(lines.get(i));
            seq = AuditJson.MAPPER.readTree(lines.get(i)).path("seq").asLong(lines.size());
            break;
          }
        }
      }
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      return new AuditLog(file, state.auditHead(), channel, redact, seq, prev);
    } catch (IOException e) {
      throw new ProoflaneException("cannot open the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one record: {@code event} (such as {@code run.started}) by {@code actor}, with {@code
   * details} redacted. Written and forced to disk before it returns.
   */
  public synchronized void record(String actor, String event, Map<String, Object> details) {
    Map<String, Object> record = new TreeMap<>();
    record.put("seq", seq + 1);
    record.put("time", Instant.now().toString());
    record.put("actor", actor);
    record.put("event", event);
    record.put("details", redact.apply(details));
    record.put("prev", prev);
    record.put("hash", AuditJson.sha256(AuditJson.canonical(record)));
    String line = AuditJson.canonical(record);
    try {
      FileLock lock = channel.lock(); // another process appending to the same file waits
      try {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
        seq++;
        prev = AuditJson.sha256(line);
        writeHead(seq, (String) record.get("hash"));
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new ProoflaneException(
          "cannot append to the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  private void writeHead(long seq, String hash) throws IOException {
    Path tmp = head.resolveSibling(head.getFileName() + ".tmp");
    Files.writeString(tmp, "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"}\n");
    Files.move(tmp, head, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a file we only appended to and forced: nothing is lost
    }
  }
}
