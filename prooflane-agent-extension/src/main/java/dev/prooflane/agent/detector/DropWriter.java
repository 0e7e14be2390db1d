package dev.prooflane.agent.detector;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * Appends drop records to the drops file, one whole line per write, and keeps the file under its
 * limit: the record that would pass it is replaced by one last record saying that later ones were
 * not written, and then nothing more is. It never throws into the application: on an I/O error it
 * prints one line to stderr and stays silent from then on.
 */
final class DropWriter {

  private final Path file;
  private final long maxBytes;
  private final String service;
  private final String destination;
  private final Clock clock;
  private final PrintStream stderr;
  private FileChannel channel;
  private boolean closed;

  DropWriter(DetectorConfig config, Clock clock, PrintStream stderr) {
    requireNonNull(config, "config");
    this.file = config.dropsFile();
    this.maxBytes = config.maxBytes();
    this.service = config.service();
    this.destination = config.destination();
    this.clock = requireNonNull(clock, "clock");
    this.stderr = requireNonNull(stderr, "stderr");
  }

  /** Appends one JSON line (without its line end); false when it was not written. */
  synchronized boolean append(String json) {
    if (closed) {
      return false;
    }
    try {
      if (channel == null) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      }
      byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] last =
          (DropRecord.limitReachedJson(clock.instant(), service, destination, maxBytes) + "\n")
              .getBytes(StandardCharsets.UTF_8);
      long size = channel.size();
      if (size + line.length + last.length > maxBytes) {
        if (size + last.length <= maxBytes) {
          write(last);
        }
        closeQuietly();
        return false;
      }
      write(line);
      return true;
    } catch (IOException | RuntimeException e) {
      stderr.println(
          "prooflane drop detector: cannot write "
              + file
              + " ("
              + e
              + "); no more drop records from this process");
      closeQuietly();
      return false;
    }
  }

  private void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private void closeQuietly() {
    closed = true;
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more is written either way.
      }
    }
  }
}
