package dev.prooflane.server.api;

import dev.prooflane.actions.policy.Redactor;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.process.LogBuffer;
import dev.prooflane.local.process.LogLine;
import dev.prooflane.server.audit.Governance;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /services/{name}/logs/stream}: a live tail of a baseline instance's output, or of its
 * fork in a sandbox, as Server-Sent Events ({@code event: line}, the id its seq): the last {@code
 * tail} lines, then each line as it is written, redacted as {@code /logs} redacts.
 */
final class LogStream {
  /** How often the log is read for new lines. */
  static final long POLL_MILLIS = 100;

  private final LocalRuntime runtime;
  private final Governance governance;

  LogStream(LocalRuntime runtime, Governance governance) {
    this.runtime = runtime;
    this.governance = governance;
  }

  void stream(RoutingContext ctx) {
    LogBuffer logs = runtime.logs(ctx.pathParam("name"), ctx.request().getParam("sandbox"));
    int tail = Handlers.intParam(ctx, "tail", 200, 0, 5_000);
    long resume = EventStream.resumeFrom(ctx);
    long[] cursor = {resume >= 0 ? resume : Math.max(0, logs.lastSeq() - tail)};
    EventStream out = EventStream.open(ctx);
    out.every(
        POLL_MILLIS,
        () -> {
          Redactor redactor = governance.redactor();
          for (LogLine line : logs.since(cursor[0])) {
            cursor[0] = line.seq();
            LogLine shown =
                new LogLine(line.seq(), line.time(), line.stream(), redactor.text(line.text()));
            if (!out.send("line", line.seq(), shown)) {
              return;
            }
          }
        });
  }
}
