package dev.prooflane.actions.report;

import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.LogEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The sentences every human-readable report shares: coverage proof, control request, timings. */
final class Narrative {
  private static final Pattern NOTEWORTHY =
      Pattern.compile("(?i)\\b(error|exception|fail(ed|ure)?|warn(ing)?|panic|fatal|refused)\\b");
  private static final int HOPS_LISTED = 5;

  private Narrative() {}

  /**
   * Whose code answered: one sentence per forked service, then keyed hops that hit baseline, then,
   * when a fork was not exercised, where the key stopped.
   */
  static List<String> coverage(RunResult run) {
    List<String> out = new ArrayList<>();
    if (run.coverage() == null) {
      out.add("baseline run: no sandbox was targeted, so there is no fork to prove");
      return out;
    }
    String sandbox = run.target().sandbox();
    for (String service : new TreeMap<>(run.coverage().exercised()).keySet()) {
      List<HopEntry> served =
          run.coverage().keyedHops().stream()
              .filter(h -> service.equals(h.service()) && sandbox.equals(h.destination()))
              .toList();
      if (served.isEmpty()) {
        out.add(
            service
                + " in sandbox "
                + sandbox
                + " served NO keyed requests: the change was not exercised");
      } else {
        List<String> calls = served.stream().limit(HOPS_LISTED).map(Narrative::call).toList();
        String more = served.size() > HOPS_LISTED ? ", ... (" + served.size() + " in all)" : "";
        out.add(
            service
                + " in sandbox "
                + sandbox
                + " served "
                + served.size()
                + (served.size() == 1 ? " keyed request: " : " keyed requests: ")
                + String.join(", ", calls)
                + more);
      }
    }
    TreeMap<String, Integer> baseline = new TreeMap<>();
    for (HopEntry h : run.coverage().keyedHops()) {
      if (!sandbox.equals(h.destination())) {
        baseline.merge(h.service() + "@" + h.destination(), 1, Integer::sum);
      }
    }
    if (!baseline.isEmpty()) {
      List<String> parts = new ArrayList<>();
      baseline.forEach((k, n) -> parts.add(k + " (" + n + ")"));
      out.add("keyed requests to services the sandbox does not fork: " + String.join(", ", parts));
    }
    if (!run.coverage().allExercised()) {
      out.add("where the key stopped: " + run.coverage().whereTheKeyStopped());
    }
    return out;
  }

  /** {@code : the key reached ...} when a fork was not exercised, else empty. */
  static String keyStopped(RunResult run) {
    return run.coverage() == null || run.coverage().allExercised()
        ? ""
        : ": " + run.coverage().whereTheKeyStopped();
  }

  /** {@code GET /prices/1 (200)}. */
  static String call(HopEntry h) {
    return h.method() + " " + h.path() + " (" + h.status() + ")";
  }

  /** What the unkeyed control request proved, or why there is none. */
  static String control(RunResult run) {
    Exchange c = run.control();
    if (c == null) {
      return run.coverage() == null
          ? "no control request: baseline run"
          : "no control request: the run sent no keyed request to repeat";
    }
    String request = c.method() + " " + c.url() + " without the routing key";
    if (c.status() == 0) {
      return request + " got no response: " + c.error();
    }
    Set<String> servedBy = new LinkedHashSet<>();
    for (HopEntry h : c.hops()) {
      servedBy.add(h.service() + "@" + h.destination());
    }
    return request
        + " answered "
        + c.status()
        + (servedBy.isEmpty() ? "" : ", served by " + String.join(", ", servedBy));
  }

  /** The lines worth showing next to a failure: errors and warnings, else the last few. */
  static List<LogEntry> relevant(CapturedLog log, int max) {
    List<LogEntry> noteworthy =
        log.lines().stream()
            .filter(l -> "stderr".equals(l.stream()) || NOTEWORTHY.matcher(l.text()).find())
            .toList();
    List<LogEntry> lines = noteworthy.isEmpty() ? log.lines() : noteworthy;
    return lines.size() <= max ? lines : lines.subList(lines.size() - max, lines.size());
  }

  static String duration(double millis) {
    if (millis < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", millis);
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }
    long s = Math.round(millis / 1000);
    return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
  }

  /** {@code name@version} of the skill. */
  static String skill(RunResult run) {
    return run.skill().name() + "@" + run.skill().version();
  }

  /** {@code sandbox pr-42 (key abc, forks pricing)} or {@code baseline}. */
  static String target(RunResult run) {
    if (run.target().sandbox() == null) {
      return "baseline of " + run.target().environment();
    }
    return "sandbox "
        + run.target().sandbox()
        + " (routing key "
        + run.target().routingKey()
        + ", forks "
        + String.join(", ", Evidence.forked(run))
        + ") in "
        + run.target().environment();
  }
}
