package dev.prooflane.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The stdio server in-process on pipes, driven line by line as a client process would: send a line,
 * read what comes back, close stdin, see the server end.
 */
final class StdioPipe implements AutoCloseable {
  private final PipedOutputStream stdin = new PipedOutputStream();
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();
  private final Thread server;

  StdioPipe(DaemonLocator locator) throws IOException {
    PipedInputStream serverIn = new PipedInputStream(stdin, 1 << 16);
    OutputStream serverOut =
        new OutputStream() {
          private final ByteArrayOutputStream line = new ByteArrayOutputStream();

          @Override
          public synchronized void write(int b) throws IOException {
            if (b != '\n') {
              line.write(b);
              return;
            }
            received.add(Json.mapper().readTree(line.toString(StandardCharsets.UTF_8)));
            line.reset();
          }
        };
    server =
        new Thread(
            () -> {
              try {
                McpStdio.serve(locator, serverIn, serverOut);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "stdio-server");
    server.start();
  }

  /** Writes {@code line} and a newline to the server's stdin. */
  StdioPipe send(String line) throws IOException {
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
    return this;
  }

  /** The first message received (or received before) that {@code matches}, within 30 s. */
  JsonNode next(Predicate<JsonNode> matches) throws InterruptedException {
    synchronized (seen) {
      for (JsonNode m : seen) {
        if (matches.test(m)) {
          seen.remove(m);
          return m;
        }
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode m = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError("no matching message within 30 s; seen: " + seen);
      }
      if (matches.test(m)) {
        return m;
      }
      synchronized (seen) {
        seen.add(m);
      }
    }
  }

  /** The answer to request {@code id}. */
  JsonNode answer(int id) throws InterruptedException {
    return next(m -> m.path("id").isInt() && m.path("id").asInt() == id && !m.has("method"));
  }

  /** Every message received so far that was not taken by {@link #next}. */
  List<JsonNode> rest() {
    List<JsonNode> out = new ArrayList<>();
    synchronized (seen) {
      out.addAll(seen);
    }
    received.drainTo(out);
    return out;
  }

  /** Closes stdin. */
  void closeInput() throws IOException {
    stdin.close();
  }

  /** Whether the server returned within {@code limit} after its input ended. */
  boolean ended(Duration limit) throws InterruptedException {
    server.join(limit.toMillis());
    return !server.isAlive();
  }

  @Override
  public void close() throws IOException {
    stdin.close();
    try {
      server.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
