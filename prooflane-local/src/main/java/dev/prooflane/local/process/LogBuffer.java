package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent output of one process: a bounded, thread-safe ring of lines, each of which is also
 * appended to the process's log file.
 *
 * <p>The file keeps everything; the ring keeps the last {@link #capacity()} lines for fast reads
 * (tails, streaming with {@link #since(long)}, error messages).
 */
public final class LogBuffer {
  /** Lines kept in memory per process. */
  public static final int DEFAULT_CAPACITY = 5_000;

  /** Longer lines are cut, so that one runaway line cannot take the daemon's memory. */
  static final int MAX_LINE_CHARS = 16 * 1024;

  private final Path file;
  private final LogLine[] ring;
  private long lastSeq;
  private BufferedWriter writer;
  private String fileError;

  /**
   * Opens {@code file} for appending (creating it and its parents) and keeps up to {@code capacity}
   * lines in memory. When the file cannot be opened the buffer still works in memory and {@link
   * #fileError()} says why.
   */
  LogBuffer(Path file, int capacity) {
    this.file = requireNonNull(file, "file");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
    }
    this.ring = new LogLine[capacity];
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      fileError = "cannot open log file " + file + ": " + e;
    }
  }

  /** The file every line is appended to. */
  public Path file() {
    return file;
  }

  /** How many lines the ring keeps. */
  public int capacity() {
    return ring.length;
  }

  /** Why lines are not reaching {@link #file()}, or {@code null} when they are. */
  public synchronized String fileError() {
    return fileError;
  }

  /** The sequence number of the last line, 0 before the first. */
  public synchronized long lastSeq() {
    return lastSeq;
  }

  /** The last {@code n} lines still in memory, oldest first. */
  public synchronized List<LogLine> tail(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
    }
    long kept = Math.min(lastSeq, ring.length);
    return range(lastSeq - Math.min(n, kept) + 1);
  }

  /** The lines after {@code seq} still in memory, oldest first; {@code since(0)} is everything. */
  public synchronized List<LogLine> since(long seq) {
    long oldest = Math.max(1, lastSeq - ring.length + 1);
    return range(Math.max(oldest, seq + 1));
  }

  private List<LogLine> range(long fromSeq) {
    List<LogLine> lines = new ArrayList<>((int) Math.max(0, lastSeq - fromSeq + 1));
    for (long s = fromSeq; s <= lastSeq; s++) {
      lines.add(ring[(int) ((s - 1) % ring.length)]);
    }
    return lines;
  }

  /** Appends one line from {@code stream} ({@code stdout} or {@code stderr}). */
  synchronized LogLine append(String stream, String text) {
    String cut =
        text.length() > MAX_LINE_CHARS
            ? text.substring(0, MAX_LINE_CHARS) + " [cut at " + MAX_LINE_CHARS + " characters]"
            : text;
    LogLine line = new LogLine(++lastSeq, Instant.now(), stream, cut);
    ring[(int) ((line.seq() - 1) % ring.length)] = line;
    write(line.toString());
    return line;
  }

  /** Writes a line to the file only, such as a marker that a new run starts. */
  synchronized void note(String text) {
    write(Instant.now() + " prooflane " + text);
  }

  private void write(String text) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(text);
      writer.newLine();
      // Flushed per line so that `tail -f` and a crash show everything up to the last line.
      writer.flush();
    } catch (IOException e) {
      fileError = "cannot write log file " + file + ": " + e;
      closeFile();
    }
  }

  /** Closes the file; later lines are kept in memory only. */
  synchronized void closeFile() {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
    } catch (IOException e) {
      fileError = "cannot close log file " + file + ": " + e;
    }
    writer = null;
  }
}
