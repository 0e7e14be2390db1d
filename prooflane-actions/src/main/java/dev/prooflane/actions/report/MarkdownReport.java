package dev.prooflane.actions.report;

import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.runtime.LogEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code report.md}: a summary to paste as a pull request comment — verdict, target,
 * failures first with their failing paths and log lines, the steps, the coverage proof, the control
 * request, and how to verify the signed report.
 */
public final class MarkdownReport {
  /** The file name written. */
  public static final String FILE = "report.md";

  private static final int LOG_LINES = 15;

  private MarkdownReport() {}

  /** Writes {@code dir/report.md} atomically. */
  public static Path write(RunResult run, ReportSignature signature, Path dir) throws IOException {
    return AtomicFiles.write(
        dir.resolve(FILE), render(run, signature).getBytes(StandardCharsets.UTF_8));
  }

  static String render(RunResult run, ReportSignature signature) {
    StringBuilder md = new StringBuilder();
    List<StepTree.Flat> steps = StepTree.flatten(run.steps());
    long failed = steps.stream().filter(StepTree.Flat::failed).count();
    md.append("## Prooflane ")
        .append(run.verdict())
        .append(": ")
        .append(code(Narrative.skill(run)))
        .append("\n\n");
    md.append("**")
        .append(run.verdict())
        .append("** | ")
        .append(steps.size())
        .append(steps.size() == 1 ? " step" : " steps")
        .append(", ")
        .append(failed)
        .append(" failed | ")
        .append(Narrative.duration(run.durationMillis()))
        .append(" | run ")
        .append(code(run.runId()))
        .append("\n\n");
    md.append("> ").append(inline(run.message())).append("\n\n");
    md.append("**Target:** ").append(target(run)).append("\n\n");

    List<StepTree.Flat> failures = StepTree.failures(run.steps());
    if (!failures.isEmpty() || run.verdict() == Verdict.INCONCLUSIVE) {
      md.append("### Failures\n\n");
      if (run.verdict() == Verdict.INCONCLUSIVE) {
        md.append("- **coverage**: the forked code received no keyed traffic, so this run proves")
            .append(" nothing about the change")
            .append(inline(Narrative.keyStopped(run)))
            .append(" (see Coverage below).\n");
      }
      for (StepTree.Flat f : failures) {
        failure(md, f);
      }
      md.append('\n');
    }

    md.append("### Steps\n\n| Step | Action | Verdict | Duration |\n|---|---|---|---:|\n");
    List<StepTree.Flat> ordered = new ArrayList<>(steps);
    ordered.sort(Comparator.comparing((StepTree.Flat f) -> !f.failed()));
    for (StepTree.Flat f : ordered) {
      md.append("| ")
          .append(code(f.id()))
          .append(" | ")
          .append(cell(f.result().action()))
          .append(" | ")
          .append(f.failed() ? "**" + f.result().verdict() + "**" : f.result().verdict())
          .append(" | ")
          .append(Narrative.duration(f.result().durationMillis()))
          .append(" |\n");
    }
    md.append("\n### Coverage\n\n");
    for (String line : Narrative.coverage(run)) {
      md.append("- ").append(inline(line)).append('\n');
    }
    md.append("\n### Control\n\n").append(inline(Narrative.control(run))).append("\n\n");
    md.append("### Verification\n\n")
        .append("Signed report: payload sha256 ")
        .append(code(signature.payloadSha256()))
        .append(", key ")
        .append(code(signature.keyId()))
        .append(". Check it with ")
        .append(code("prooflane verify " + SignedReport.FILE))
        .append(".\n");
    return md.toString();
  }

  private static void failure(StringBuilder md, StepTree.Flat f) {
    md.append("- ")
        .append(code(f.id()))
        .append(" (")
        .append(inline(f.result().action()))
        .append(") **")
        .append(f.result().verdict())
        .append("**: ")
        .append(inline(f.result().message()))
        .append('\n');
    for (Assertion a : f.result().assertions()) {
      if (!a.passed()) {
        md.append("  - ").append(code(a.path())).append(": ").append(inline(a.message()));
        md.append('\n');
      }
    }
    for (CapturedLog log : f.result().logs()) {
      List<LogEntry> lines = Narrative.relevant(log, LOG_LINES);
      if (lines.isEmpty()) {
        continue;
      }
      md.append("\n  Logs of ").append(code(log.service() + "@" + log.instance())).append(":\n\n");
      StringBuilder block = new StringBuilder();
      lines.forEach(l -> block.append(l.text()).append('\n'));
      fence(md, block.toString(), "  ");
    }
  }

  private static String target(RunResult run) {
    if (run.target().sandbox() == null) {
      return "baseline of " + code(run.target().environment());
    }
    return "sandbox "
        + code(run.target().sandbox())
        + ", routing key "
        + code(run.target().routingKey())
        + ", forked "
        + String.join(", ", Evidence.forked(run).stream().map(MarkdownReport::code).toList())
        + ", environment "
        + code(run.target().environment());
  }

  /** An inline code span that survives backticks in its content. */
  static String code(String text) {
    String t = String.valueOf(text).replace('\n', ' ').replace('\r', ' ');
    String ticks = "`";
    while (t.contains(ticks)) {
      ticks += "`";
    }
    String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
    return ticks + pad + t + pad + ticks;
  }

  /** Text on one line, with characters that would start markup escaped. */
  static String inline(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : String.valueOf(text).replace("\r", "").replace('\n', ' ').toCharArray()) {
      if ("\\`*_[]<>|#!".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String cell(String text) {
    return inline(text);
  }

  private static void fence(StringBuilder md, String block, String indent) {
    String fence = "```";
    while (block.contains(fence)) {
      fence += "`";
    }
    md.append(indent).append(fence).append('\n');
    for (String line : block.split("\n", -1)) {
      if (!line.isEmpty()) {
        md.append(indent).append(line).append('\n');
      }
    }
    md.append(indent).append(fence).append('\n');
  }
}
