package dev.prooflane.agent.detector;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends drop records to the drops file, one whole line per write, and keeps the file under its
 * limit: before the record that would pass it, the file becomes {@code <name>.1} (replacing the one
 * before) and a new file begins, so a long-lived service keeps reporting and the disk holds at most
 * twice the limit. It never throws into the application: on an I/O error it prints one line to
 * stderr and stays silent from then on.
 */
final class DropWriter {

  private final Path file;
  private final long maxBytes;
  private final PrintStream stderr;
  private FileChannel channel;
  private boolean closed;

  DropWriter(DetectorConfig config, PrintStream stderr) {
    requireNonNull(config, "config");
    this.file = config.dropsFile();
    this.maxBytes = config.maxBytes();
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
        open();
      }
      byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
      if (line.length > maxBytes) {
        return false; // a record larger than a whole file is not written
      }
      if (channel.size() + line.length > maxBytes) {
        channel.close();
        Files.move(
            file,
            file.resolveSibling(file.getFileName() + ".1"),
            StandardCopyOption.REPLACE_EXISTING);
        open();
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

  private void open() throws IOException {
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
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
