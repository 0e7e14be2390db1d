package dev.prooflane.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.store.StateWriteException;
import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The daemon's audit log, {@code <stateDir>/audit.jsonl}: one JSON record per line, each carrying
 * the SHA-256 of the line before it ({@code prev}) and of its own content ({@code hash}), so that
 * an edit, deletion or reordering breaks the chain. Appends are serialised, locked and forced to
 * disk before {@link #record} returns; {@code audit.head} keeps the last seq and hash so that
 * cutting records off the end is detected too. A record that cannot be written (a full disk) leaves
 * the log as it was: the failed bytes are cut off again and the chain continues from the last whole
 * record. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private final Path file;
  private final Path head;
  private final FileChannel channel;
  private final UnaryOperator<Object> redact;
  private final BeforeAppend beforeAppend;
  private long seq;
  private String prev;

  /**
   * Called before each append, inside the file lock: a test makes it throw to stand for a disk that
   * just filled up. The daemon's never throws.
   */
  @FunctionalInterface
  public interface BeforeAppend {
    /** Nothing to check. */
    BeforeAppend NONE = file -> {};

    /** Throws when the append to {@code file} must fail as a full disk would make it fail. */
    void check(Path file) throws IOException;
  }

  private AuditLog(
      Path file,
      Path head,
      FileChannel channel,
      UnaryOperator<Object> redact,
      BeforeAppend beforeAppend,
      long seq,
      String prev) {
    this.file = file;
    this.head = head;
    this.channel = channel;
    this.redact = redact;
    this.beforeAppend = beforeAppend;
    this.seq = seq;
    this.prev = prev;
  }

  /**
   * Opens (or creates) the log in {@code state}, continuing its chain; {@code redact} is applied to
   * every record's details before it is written.
   */
  public static AuditLog open(StateFolder state, UnaryOperator<Object> redact) {
    return open(state, redact, BeforeAppend.NONE);
  }

  /**
   * As {@link #open(StateFolder, UnaryOperator)}, with {@code beforeAppend} run before each append.
   */
  public static AuditLog open(
      StateFolder state, UnaryOperator<Object> redact, BeforeAppend beforeAppend) {
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
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new AuditLog(file, state.auditHead(), channel, redact, beforeAppend, seq, prev);
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
   *
   * @return the record's seq
   * @throws StateWriteException when it cannot be written; the log is then as it was
   */
  public synchronized long record(String actor, String event, Map<String, Object> details) {
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
        long end = channel.size();
        try {
          beforeAppend.check(file);
          ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
          long at = end;
          while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
          }
          channel.force(true);
          writeHead(seq + 1, (String) record.get("hash"));
        } catch (IOException e) {
          cutBackTo(end);
          throw e;
        }
        seq++;
        prev = AuditJson.sha256(line);
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw StateWriteException.of(file, "append to the audit log", e);
    }
    return seq;
  }

  /**
   * One line per record about a sandbox ({@code sandbox.*} events) written after {@code after},
   * such as {@code sandbox.created 'pr-9' at 2026-...}; unreadable lines are left out.
   */
  public synchronized List<String> sandboxEventsAfter(Instant after) {
    List<String> events = new ArrayList<>();
    forEachRecord(
        record -> {
          String event = record.path("event").asText();
          try {
            Instant time = Instant.parse(record.path("time").asText());
            if (event.startsWith("sandbox.") && time.isAfter(after)) {
              events.add(
                  event + " '" + record.path("details").path("sandbox").asText() + "' at " + time);
            }
          } catch (DateTimeException e) {
            // a foreign line: audit verify reports it
          }
        });
    return events;
  }

  /**
   * The last {@code limit} records that {@code wanted} accepts, oldest first, and how many it
   * accepted in all; unreadable lines are left out.
   */
  public synchronized Page records(Predicate<JsonNode> wanted, int limit) {
    ArrayDeque<JsonNode> last = new ArrayDeque<>();
    long[] matched = {0};
    forEachRecord(
        record -> {
          if (wanted.test(record)) {
            matched[0]++;
            last.addLast(record);
            if (last.size() > limit) {
              last.removeFirst();
            }
          }
        });
    return new Page(List.copyOf(last), matched[0]);
  }

  /** Some records of the log and how many matched in all. */
  public record Page(List<JsonNode> records, long matched) {}

  private void forEachRecord(Consumer<JsonNode> each) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines.forEach(
          line -> {
            try {
              each.accept(AuditJson.MAPPER.readTree(line));
            } catch (IOException e) {
              // a torn or foreign line: audit verify reports it
            }
          });
    } catch (IOException | UncheckedIOException e) {
      throw new ProoflaneException("cannot read the audit log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes a record written in part, so the next one follows the last whole record. */
  private void cutBackTo(long end) {
    try {
      channel.truncate(end);
      channel.force(true);
    } catch (IOException e) {
      // a torn last line stays; audit verify reports it, and the next append fails alike
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
