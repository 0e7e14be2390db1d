package dev.prooflane.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.internal.LineReader;
import dev.prooflane.mcp.protocol.Incoming;
import dev.prooflane.mcp.protocol.JsonRpc;
import dev.prooflane.mcp.protocol.McpSession;
import dev.prooflane.mcp.protocol.MessageReader;
import dev.prooflane.mcp.protocol.Outbound;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The MCP server on stdio ({@code prooflane mcp}): newline-delimited JSON-RPC on the given streams,
 * nothing else on the output. A line that is not a valid message gets its error and the session
 * goes on. Returns once the input has ended and every request read was answered or cancelled (at
 * most {@link #MAX_HOLD} later), every answer written.
 */
public final class McpStdio {
  /** The longest the end of the input waits for the calls still under way. */
  static final Duration MAX_HOLD = Duration.ofMinutes(20);

  private McpStdio() {}

  /** Serves the tools on {@code in}/{@code out} until the input ends and all is answered. */
  public static void serve(DaemonLocator locator, InputStream in, OutputStream out)
      throws InterruptedException {
    requireNonNull(locator, "locator");
    McpSession session = ProoflaneMcp.server().session();
    Outbound output = new Lines(out);
    LineReader lines = new LineReader(in);
    try {
      LineReader.Line line;
      while ((line = lines.next()) != null) {
        if (line.tooLong()) {
          output.send(
              JsonRpc.error(
                  null,
                  JsonRpc.INVALID_REQUEST,
                  "invalid request: the line is "
                      + line.bytes()
                      + " bytes (expected: at most "
                      + LineReader.MAX
                      + " bytes per message); pass large content as a file path"));
        } else if (!line.text().isBlank()) {
          Incoming message = MessageReader.read(line.text(), "line");
          session.handle(message, output, locator);
        }
      }
    } catch (IOException e) {
      System.err.println("prooflane mcp: cannot read stdin any more: " + e.getMessage());
    }
    if (!session.awaitIdle(MAX_HOLD)) {
      System.err.println(
          "prooflane mcp: input ended; "
              + session.callsUnderWay()
              + " call(s) still unanswered after "
              + MAX_HOLD.toMinutes()
              + " min");
    }
  }

  /** One message per line on stdout, written and flushed whole. */
  private static final class Lines implements Outbound {
    private final OutputStream out;
    private boolean broken;

    Lines(OutputStream out) {
      this.out = out;
    }

    @Override
    public synchronized void send(ObjectNode message) {
      if (broken) {
        return;
      }
      try {
        out.write((Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        broken = true;
        System.err.println("prooflane mcp: cannot write to stdout any more: " + e.getMessage());
      }
    }
  }
}
