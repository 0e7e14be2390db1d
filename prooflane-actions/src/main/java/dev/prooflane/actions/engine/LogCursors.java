package dev.prooflane.actions.engine;

import dev.prooflane.actions.core.ActionInputException;
import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.LogWindow;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the log of every instance a run may read stood when the run started, and before and after
 * each of its steps: the windows the {@code logs} action reads and the fork logs of the report.
 * Thread-safe.
 */
final class LogCursors {
  private static final String RUN_START = "";

  /** The most lines of each fork's log a run's report keeps. */
  private static final int FORK_LOG_LINES = 200;

  private final RuntimeAccess runtime;
  private final Optional<SandboxInfo> sandbox;
  private final Map<String, Map<String, Long>> before = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Long>> after = new ConcurrentHashMap<>();

  /** Positions at the run's start, now. */
  LogCursors(RuntimeAccess runtime, Optional<SandboxInfo> sandbox) {
    this.runtime = runtime;
    this.sandbox = sandbox;
    before.put(RUN_START, positions());
  }

  void beforeStep(String stepId) {
    before.put(stepId, positions());
  }

  void afterStep(String stepId) {
    after.put(stepId, positions());
  }

  /**
   * The positions of {@code service}'s instance (its fork in {@code inSandbox}, or the baseline)
   * that bound the run so far, or step {@code duringStep}.
   *
   * @param stepId the step that asks, for the message when {@code duringStep} has not run
   */
  LogWindow window(
      String service, Optional<String> inSandbox, Optional<String> duringStep, String stepId) {
    String instance = instance(service, inSandbox);
    String step = duringStep.orElse(RUN_START);
    Map<String, Long> from = before.get(step);
    if (from == null) {
      throw new ActionInputException(
          "step '"
              + stepId
              + "': no earlier step '"
              + step
              + "' ran in this run (use the id of an earlier step)");
    }
    long start = from.getOrDefault(instance, 0L);
    Map<String, Long> to = duringStep.isPresent() ? after.get(step) : null;
    return new LogWindow(
        start, to == null ? Long.MAX_VALUE : to.getOrDefault(instance, Long.MAX_VALUE));
  }

  /** What the forked services of {@code s} wrote during the run (the last 200 lines each). */
  List<CapturedLog> forkLogs(SandboxInfo s) {
    List<CapturedLog> out = new ArrayList<>();
    for (String service : s.forkedServices()) {
      long from = before.get(RUN_START).getOrDefault(instance(service, Optional.of(s.name())), 0L);
      List<LogEntry> lines = runtime.logsSince(service, Optional.of(s.name()), from);
      if (lines.size() > FORK_LOG_LINES) {
        lines = lines.subList(lines.size() - FORK_LOG_LINES, lines.size());
      }
      out.add(new CapturedLog(service, s.name(), lines));
    }
    return out;
  }

  /** Every instance the run may read logs of: each service's baseline and the sandbox's forks. */
  private Map<String, Long> positions() {
    Map<String, Long> cursors = new LinkedHashMap<>();
    for (String service : runtime.services()) {
      cursors.put(
          instance(service, Optional.empty()), runtime.logCursor(service, Optional.empty()));
    }
    sandbox.ifPresent(
        s -> {
          for (String service : s.forkedServices()) {
            cursors.put(
                instance(service, Optional.of(s.name())),
                runtime.logCursor(service, Optional.of(s.name())));
          }
        });
    return cursors;
  }

  private static String instance(String service, Optional<String> sandbox) {
    return service + "@" + sandbox.orElse("baseline");
  }
}
