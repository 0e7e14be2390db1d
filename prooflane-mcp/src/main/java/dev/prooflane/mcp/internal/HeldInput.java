package dev.prooflane.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The client's side of stdio as the SDK's transport reads it: newline-delimited JSON-RPC, passed on
 * line by line, with two repairs. End-of-input is held back until every request read has been
 * answered (the transport drops replies still in flight once its input ends), and a line that is
 * not JSON is answered with a parse error here instead of ending the session.
 */
public final class HeldInput extends InputStream {
  private static final Duration MAX_HOLD = Duration.ofMinutes(20);
  private final InputStream in;
  private final PendingRequests pending;
  private final OutputStream out;
  private final CountDownLatch drained = new CountDownLatch(1);
  private byte[] line = new byte[0];
  private int pos;
  private boolean ended;

  HeldInput(InputStream in, PendingRequests pending, OutputStream out) {
    this.in = in;
    this.pending = pending;
    this.out = out;
  }

  /** Wraps the client's {@code in} and {@code out}: returns the pair the transport must use. */
  public static Pair wrap(InputStream in, OutputStream out) {
    PendingRequests pending = new PendingRequests();
    TrackedOutput tracked = new TrackedOutput(out, pending);
    return new Pair(new HeldInput(in, pending, tracked), tracked);
  }

  /**
   * The streams the transport reads and writes.
   *
   * @param input the held input
   * @param output the tracked output
   */
  public record Pair(HeldInput input, OutputStream output) {}

  /** Blocks until the client's input ended and every request read was answered. */
  public void awaitDrained() throws InterruptedException {
    drained.await();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos >= line.length) {
      if (ended || !nextLine()) {
        return -1;
      }
    }
    int n = Math.min(len, line.length - pos);
    System.arraycopy(line, pos, b, off, n);
    pos += n;
    return n;
  }

  /** Reads the next line to hand on; false (after holding) at end of input. */
  private boolean nextLine() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      buf.write(c);
    }
    if (c == -1 && buf.size() == 0) {
      holdEnd();
      return false;
    }
    String text = buf.toString(StandardCharsets.UTF_8).strip();
    line = new byte[0];
    pos = 0;
    if (text.isEmpty()) {
      return true;
    }
    JsonNode message;
    try {
      message = Json.mapper().readTree(text);
    } catch (IOException e) {
      parseError("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
      return true;
    }
    if (message == null || !message.isObject()) {
      parseError("expected one JSON-RPC object per line");
      return true;
    }
    pending.read(message);
    line = (text + "\n").getBytes(StandardCharsets.UTF_8);
    return true;
  }

  private void holdEnd() {
    ended = true;
    try {
      if (!pending.awaitNone(MAX_HOLD)) {
        System.err.println(
            "prooflane mcp: input ended; requests "
                + pending.describe()
                + " still unanswered after "
                + MAX_HOLD.toMinutes()
                + " min");
      } else if (pending.size() > 0) {
        System.err.println(
            "prooflane mcp: input ended; requests " + pending.describe() + " were not answered");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      drained.countDown();
    }
  }

  private void parseError(String why) throws IOException {
    String reply =
        Json.write(
            java.util.Map.of(
                "jsonrpc",
                "2.0",
                "id",
                com.fasterxml.jackson.databind.node.NullNode.getInstance(),
                "error",
                java.util.Map.of("code", -32700, "message", "Parse error: " + why)));
    synchronized (out) {
      out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
