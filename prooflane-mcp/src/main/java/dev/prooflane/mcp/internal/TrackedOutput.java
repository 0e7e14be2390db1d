package dev.prooflane.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The server's side of stdio: passes every byte on and, per complete line, tells {@link
 * PendingRequests} which request was answered, once the line is flushed to the client.
 */
final class TrackedOutput extends OutputStream {
  private final OutputStream out;
  private final PendingRequests pending;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
  private final java.util.List<JsonNode> written = new java.util.ArrayList<>();

  TrackedOutput(OutputStream out, PendingRequests pending) {
    this.out = out;
    this.pending = pending;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    out.write(b);
    track(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    for (int i = off; i < off + len; i++) {
      track(b[i]);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
    written.forEach(pending::written);
    written.clear();
  }

  @Override
  public void close() throws IOException {
    flush();
    out.close();
  }

  private void track(int b) {
    if (b != '\n') {
      line.write(b);
      return;
    }
    try {
      JsonNode message = Json.mapper().readTree(line.toByteArray());
      if (message != null) {
        written.add(message);
      }
    } catch (IOException e) {
      // not ours to judge: the client reads it
    }
    line.reset();
  }
}
