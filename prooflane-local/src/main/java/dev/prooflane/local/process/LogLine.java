package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line a supervised process wrote.
 *
 * @param seq position in the process's output, from 1, increasing by one per line across both
 *     streams
 * @param time when the line was read
 * @param stream {@code stdout} or {@code stderr}
 * @param text the line without its line terminator
 */
public record LogLine(long seq, Instant time, String stream, String text) {
  public static final String STDOUT = "stdout";
  public static final String STDERR = "stderr";

  public LogLine {
    requireNonNull(time, "time");
    requireNonNull(stream, "stream");
    requireNonNull(text, "text");
    if (seq < 1) {
      throw new IllegalArgumentException("seq: " + seq + " (expected: >= 1)");
    }
  }

  /** The line as it appears in the log file: ISO time, stream, text. */
  @Override
  public String toString() {
    return time + " " + stream + " " + text;
  }
}
