package dev.prooflane.local;

import dev.prooflane.local.process.HealthAdvice;
import dev.prooflane.local.process.InstanceFailedException;
import dev.prooflane.local.process.LogLine;
import dev.prooflane.local.process.ManagedProcess;
import dev.prooflane.model.HealthCheck;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What one starting instance reports while its health check waits: that it started (pid, port),
 * that it is still waiting (each interval, with its last line of output, and what to do when the
 * health check's answers say the path is wrong), then that it is healthy or why it failed. Nothing
 * is reported after the last word, even from a late tick.
 */
final class StartProgress {
  /** Longer last lines are cut: they are a hint, the log file has the whole line. */
  static final int LAST_LINE_CHARS = 160;

  private final String id;
  private final HealthCheck.Probe check;
  private final String probe;
  private final ManagedProcess process;
  private final long startedNanos;
  private final Consumer<String> progress;
  private boolean done;
  private volatile String answer = "";

  StartProgress(
      String id,
      HealthCheck.Probe check,
      ManagedProcess process,
      long startedNanos,
      Consumer<String> progress) {
    this.id = id;
    this.check = check;
    this.probe = check.describe();
    this.process = process;
    this.startedNanos = startedNanos;
    this.progress = progress;
  }

  void started(int port) {
    say(
        "started pid "
            + process.pid()
            + " on 127.0.0.1:"
            + port
            + ", waiting for "
            + probe
            + " to answer "
            + check.passes());
  }

  /** Called after each try of the health check that did not pass, with how it ended. */
  void answered(String last) {
    answer = last;
  }

  /** Called each interval while the health check waits. */
  synchronized void tick() {
    if (!done) {
      String advice = HealthAdvice.of(id, check, answer).map(text -> text + "; ").orElse("");
      say("still waiting for " + probe + " after " + elapsed() + " (" + advice + lastLine() + ")");
    }
  }

  synchronized void healthy() {
    done = true;
    say("healthy after " + elapsed());
  }

  synchronized void failed(RuntimeException cause) {
    done = true;
    String why =
        cause instanceof InstanceFailedException f
            ? f.exitCode()
                .map(code -> "exited with code " + code)
                .orElse("no " + check.passes() + " from " + probe + " in time")
            : cause.getMessage();
    String advice = HealthAdvice.of(id, check, answer).map(text -> text + "; ").orElse("");
    say("failed after " + elapsed() + ": " + why + " (" + advice + lastLine() + ")");
  }

  private void say(String text) {
    progress.accept("  " + id + ": " + text);
  }

  private String elapsed() {
    return seconds(System.nanoTime() - startedNanos);
  }

  private String lastLine() {
    List<LogLine> last = process.logs().tail(1);
    if (last.isEmpty()) {
      return "no output yet";
    }
    String text = last.get(0).text().strip();
    return "last line: "
        + (text.length() > LAST_LINE_CHARS ? text.substring(0, LAST_LINE_CHARS) + "..." : text);
  }

  /** {@code 850 ms}, {@code 2.4 s}, {@code 30 s}: precise when short, whole seconds from 10 s. */
  static String seconds(long nanos) {
    long millis = nanos / 1_000_000;
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return (millis / 1000) + " s";
  }
}
