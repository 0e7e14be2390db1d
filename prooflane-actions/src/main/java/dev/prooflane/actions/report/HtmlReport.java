package dev.prooflane.actions.report;

import static dev.prooflane.actions.report.Html.esc;
import static dev.prooflane.actions.report.Html.pill;
import static dev.prooflane.actions.report.Html.pretty;

import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.KeyTrail;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.http.HopPath;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.LogEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code report.html}: one self-contained file (inline CSS, no scripts, no external
 * resources) a person reads at a glance — the verdict and target, failures first, a timeline of
 * steps, each step's assertions, exchanges and logs, diffs side by side, the coverage proof, the
 * control request, and the signature. All content is escaped.
 */
public final class HtmlReport {
  /** The file name written. */
  public static final String FILE = "report.html";

  private static final int FAILURE_LOG_LINES = 20;

  private HtmlReport() {}

  /** Writes {@code dir/report.html} atomically. */
  public static Path write(RunResult run, ReportSignature signature, Path dir) throws IOException {
    return AtomicFiles.write(
        dir.resolve(FILE), render(run, signature).getBytes(StandardCharsets.UTF_8));
  }

  static String render(RunResult run, ReportSignature signature) {
    StringBuilder h = new StringBuilder(32_768);
    List<StepTree.Flat> steps = StepTree.flatten(run.steps());
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(esc(run.verdict() + " " + Narrative.skill(run) + " - Prooflane"))
        .append("</title><style>")
        .append(HtmlStyle.CSS)
        .append("</style></head><body>\n");
    header(h, run, steps);
    h.append("<main>\n");
    failures(h, run);
    timeline(h, run, steps);
    coverage(h, run);
    control(h, run);
    h.append("<section class=\"card\"><h2>Steps</h2>\n");
    for (StepResult s : run.steps()) {
      step(h, s);
    }
    h.append("</section>\n");
    forkLogs(h, run);
    footer(h, run, signature);
    h.append("</main></body></html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, RunResult run, List<StepTree.Flat> steps) {
    h.append("<header class=\"run ")
        .append(run.verdict().name())
        .append("\"><div class=\"inner\">");
    h.append("<div><div class=\"verdict\">").append(run.verdict().name()).append("</div>");
    h.append("<div class=\"skill\">").append(esc(Narrative.skill(run))).append("</div>");
    h.append("<div class=\"message\">").append(esc(run.message())).append("</div>");
    h.append("<div class=\"stats\">");
    stat(h, steps.size() + (steps.size() == 1 ? " step" : " steps"));
    for (Verdict v : Verdict.values()) {
      long n = steps.stream().filter(f -> f.result().verdict() == v).count();
      if (n > 0) {
        stat(h, n + " " + v.name().toLowerCase(Locale.ROOT));
      }
    }
    stat(h, Narrative.duration(run.durationMillis()));
    h.append("</div></div>");
    h.append("<dl class=\"meta\">");
    meta(h, "environment", run.target().environment());
    if (run.target().sandbox() != null) {
      meta(h, "sandbox", run.target().sandbox());
      meta(h, "routing key", run.target().routingKey());
      meta(h, "forked", String.join(", ", Evidence.forked(run)));
    } else {
      meta(h, "target", "baseline");
    }
    meta(h, "run", run.runId());
    if (run.startedAt() != null) {
      meta(h, "started", run.startedAt().toString());
    }
    h.append("</dl></div></header>\n");
  }

  private static void stat(StringBuilder h, String text) {
    h.append("<span class=\"stat\">").append(esc(text)).append("</span>");
  }

  private static void meta(StringBuilder h, String name, String value) {
    h.append("<dt>").append(esc(name)).append("</dt><dd class=\"mono\">");
    h.append(esc(value == null ? "-" : value)).append("</dd>");
  }

  private static void failures(StringBuilder h, RunResult run) {
    List<StepTree.Flat> failures = StepTree.failures(run.steps());
    boolean inconclusive = run.verdict() == Verdict.INCONCLUSIVE;
    if (failures.isEmpty() && !inconclusive) {
      return;
    }
    h.append("<section class=\"card failures\"><h2>Failures</h2>\n");
    if (inconclusive) {
      h.append("<div class=\"failure\"><h3>").append(pill(Verdict.INCONCLUSIVE));
      h.append("<code>coverage</code></h3><p>The forked code received no keyed traffic, so this")
          .append(" run proves nothing about the change")
          .append(esc(Narrative.keyStopped(run)))
          .append(". See Coverage below.</p></div>\n");
    }
    for (StepTree.Flat f : failures) {
      StepResult s = f.result();
      h.append("<div class=\"failure\"><h3>").append(pill(s.verdict()));
      h.append("<code>").append(esc(f.id())).append("</code>");
      h.append("<span class=\"muted\">").append(esc(s.action())).append(" · ");
      h.append(esc(s.location())).append("</span></h3>");
      h.append("<div>").append(esc(s.message())).append("</div>");
      List<Assertion> failed = s.assertions().stream().filter(a -> !a.passed()).toList();
      if (!failed.isEmpty()) {
        assertions(h, failed);
      }
      diff(h, s);
      for (CapturedLog log : s.logs()) {
        List<LogEntry> lines = Narrative.relevant(log, FAILURE_LOG_LINES);
        if (!lines.isEmpty()) {
          h.append("<div class=\"muted\">logs of <code>")
              .append(esc(log.service() + "@" + log.instance()))
              .append("</code></div>");
          logLines(h, lines);
        }
      }
      h.append("</div>\n");
    }
    h.append("</section>\n");
  }

  private static void timeline(StringBuilder h, RunResult run, List<StepTree.Flat> steps) {
    h.append("<section class=\"card timeline\"><h2>Timeline</h2>\n");
    double total = Math.max(1, run.steps().stream().mapToLong(StepResult::durationMillis).sum());
    bars(h, run.steps(), "", 0, 0, total);
    h.append("</section>\n");
  }

  private static double bars(
      StringBuilder h,
      List<StepResult> steps,
      String prefix,
      int depth,
      double offset,
      double total) {
    double at = offset;
    for (StepResult s : steps) {
      String id = prefix.isEmpty() || s.id().startsWith(prefix) ? s.id() : prefix + s.id();
      double left = 100 * at / total;
      double width = Math.max(0.4, 100 * s.durationMillis() / total);
      h.append("<div class=\"row\"><div class=\"id\" style=\"padding-left:")
          .append(depth * 16)
          .append("px\">")
          .append(pill(s.verdict()))
          .append(" <code>")
          .append(esc(id))
          .append("</code></div><div class=\"muted\">")
          .append(esc(s.action()))
          .append("</div><div class=\"track\"><div class=\"bar ")
          .append(s.verdict().name())
          .append("\" style=\"left:")
          .append(String.format(Locale.ROOT, "%.2f", Math.min(left, 99.6)))
          .append("%;width:")
          .append(String.format(Locale.ROOT, "%.2f", Math.min(width, 100 - Math.min(left, 99.6))))
          .append("%\"></div></div><div class=\"dur\">")
          .append(esc(Narrative.duration(s.durationMillis())))
          .append("</div></div>\n");
      bars(h, s.children(), id + ".", depth + 1, at, total);
      at += s.durationMillis();
    }
    return at;
  }

  private static void coverage(StringBuilder h, RunResult run) {
    h.append(
        "<section class=\"card\"><h2>Coverage: whose code answered</h2>\n<ul class=\"proof\">");
    for (String line : Narrative.coverage(run)) {
      h.append("<li>").append(esc(line)).append("</li>");
    }
    h.append("</ul>\n");
    if (run.coverage() != null) {
      h.append("<table><tr><th>forked service</th><th>received keyed traffic</th></tr>");
      new TreeMap<>(run.coverage().exercised())
          .forEach(
              (service, yes) ->
                  h.append(yes ? "<tr>" : "<tr class=\"failed\">")
                      .append("<td class=\"path\">")
                      .append(esc(service))
                      .append("</td><td>")
                      .append(yes ? pill("PASS", "yes") : pill("FAIL", "no"))
                      .append("</td></tr>"));
      h.append("</table>\n");
      hops(h, run.coverage().keyedHops(), "keyed hops the router recorded");
      for (KeyTrail.Drop d : run.coverage().keyTrail().drops()) {
        hops(
            h,
            d.unkeyedHops(),
            "calls without the key while "
                + d.service()
                + " ("
                + HopPath.where(d.destination())
                + ") served "
                + d.keyedHop().method()
                + " "
                + d.keyedHop().path()
                + (d.callSites().isEmpty()
                    ? ""
                    : "; the drop detector named the call site "
                        + d.callSites().stream()
                            .map(Object::toString)
                            .collect(java.util.stream.Collectors.joining(", "))));
      }
    }
    h.append("</section>\n");
  }

  private static void hops(StringBuilder h, List<HopEntry> hops, String caption) {
    if (hops == null || hops.isEmpty()) {
      return;
    }
    h.append("<div class=\"muted\">").append(esc(caption)).append("</div>");
    h.append("<table><tr><th>#</th><th>time</th><th>service</th><th>served by</th>")
        .append("<th>request</th><th>status</th><th>took</th></tr>");
    for (HopEntry hop : hops) {
      String dest = String.valueOf(hop.destination());
      h.append("<tr><td>")
          .append(hop.seq())
          .append("</td><td class=\"mono\">")
          .append(esc(hop.time() == null ? "" : hop.time().toString()))
          .append("</td><td class=\"path\">")
          .append(esc(hop.service()))
          .append("</td><td>")
          .append(pill("baseline".equals(dest) ? "baseline" : "sandbox", dest))
          .append("</td><td class=\"path\">")
          .append(esc(hop.method() + " " + hop.path()))
          .append("</td><td>")
          .append(hop.status())
          .append("</td><td>")
          .append(esc(Narrative.duration(hop.durationMicros() / 1000.0)))
          .append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void control(StringBuilder h, RunResult run) {
    h.append("<section class=\"card\"><h2>Control: the baseline still answers</h2>\n<p>");
    h.append(esc(Narrative.control(run))).append("</p>");
    if (run.control() != null) {
      exchange(h, run.control());
    }
    h.append("</section>\n");
  }

  private static void step(StringBuilder h, StepResult s) {
    boolean failed =
        s.verdict() == Verdict.FAIL
            || s.verdict() == Verdict.ERROR
            || s.verdict() == Verdict.INCONCLUSIVE;
    h.append("<details class=\"step").append(failed ? " failed\" open>" : "\">");
    h.append("<summary>").append(pill(s.verdict())).append(" <code>").append(esc(s.id()));
    h.append("</code> <span class=\"muted\">").append(esc(s.action())).append(" · ");
    h.append(esc(Narrative.duration(s.durationMillis()))).append(" · ").append(esc(s.message()));
    h.append("</span></summary><div class=\"body\">");
    h.append("<div class=\"muted\">").append(esc(s.location())).append("</div>");
    if (!s.inputs().isEmpty()) {
      h.append("<details><summary>inputs</summary><div class=\"body\"><pre>");
      h.append(pretty(s.inputs())).append("</pre></div></details>");
    }
    if (!s.assertions().isEmpty()) {
      assertions(h, s.assertions());
    }
    diff(h, s);
    for (Exchange e : s.exchanges()) {
      exchange(h, e);
    }
    for (CapturedLog log : s.logs()) {
      h.append("<details").append(failed ? " open" : "").append("><summary>logs of <code>");
      h.append(esc(log.service() + "@" + log.instance())).append("</code> (");
      h.append(lines(log)).append(")</summary><div class=\"body\">");
      logLines(h, log.lines());
      h.append("</div></details>");
    }
    if (!s.outputs().isEmpty()) {
      h.append("<details><summary>outputs</summary><div class=\"body\"><pre>");
      h.append(pretty(s.outputs())).append("</pre></div></details>");
    }
    for (StepResult child : s.children()) {
      step(h, child);
    }
    h.append("</div></details>\n");
  }

  private static void assertions(StringBuilder h, List<Assertion> assertions) {
    h.append("<table class=\"assertions\"><tr><th class=\"narrow\"></th><th>path</th>")
        .append("<th>message</th><th>expected</th><th>actual</th></tr>");
    for (Assertion a : assertions) {
      h.append(a.passed() ? "<tr>" : "<tr class=\"failed\">")
          .append("<td class=\"narrow\">")
          .append(a.passed() ? pill("PASS", "ok") : pill("FAIL", "fail"))
          .append("</td><td class=\"path\">")
          .append(esc(a.path()))
          .append("</td><td>")
          .append(esc(a.message()))
          .append("</td><td class=\"mono\">")
          .append(a.expected() == null ? "" : pretty(a.expected()))
          .append("</td><td class=\"mono\">")
          .append(a.actual() == null ? "" : pretty(a.actual()))
          .append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void exchange(StringBuilder h, Exchange e) {
    String outcome = e.status() == 0 ? "no response" : String.valueOf(e.status());
    h.append("<details><summary>")
        .append(pill(e.keyed() ? "keyed" : "unkeyed", e.keyed() ? "keyed" : "no key"))
        .append(" <code>")
        .append(esc(e.method() + " " + e.url()))
        .append("</code> &rarr; <b>")
        .append(esc(outcome))
        .append("</b> <span class=\"muted\">")
        .append(esc(e.label() + " · " + Narrative.duration(e.durationMillis())))
        .append(
            "</span></summary><div class=\"body\"><div class=\"cols\"><div><h4>request</h4><pre>")
        .append(esc(e.method() + " " + e.url()))
        .append('\n')
        .append(Html.headers(e.requestHeaders()));
    if (e.requestBody() != null && !e.requestBody().isEmpty()) {
      h.append('\n').append(esc(Html.prettyText(e.requestBody())));
    }
    h.append("</pre></div><div><h4>response</h4><pre>");
    if (e.status() == 0) {
      h.append(esc("no response: " + e.error()));
    } else {
      h.append(esc(String.valueOf(e.status())))
          .append('\n')
          .append(Html.headers(e.responseHeaders()));
      if (e.responseBody() != null && !e.responseBody().isEmpty()) {
        h.append('\n').append(esc(Html.prettyText(e.responseBody())));
      }
    }
    h.append("</pre></div></div>");
    if (e.traceId() != null) {
      h.append("<div class=\"muted\">trace <code>")
          .append(esc(e.traceId()))
          .append("</code></div>");
    }
    hops(h, e.hops(), "hops that served it");
    h.append("</div></details>\n");
  }

  /** Differences of a {@code diff} step, sandbox and baseline side by side. */
  private static void diff(StringBuilder h, StepResult s) {
    Object differences = s.outputs().get("differences");
    if (!(differences instanceof List<?> list) || list.isEmpty()) {
      return;
    }
    h.append("<div class=\"muted\">differences, sandbox against baseline</div>")
        .append("<table class=\"diff\"><tr><th>path</th><th class=\"narrow\">kind</th>")
        .append("<th>sandbox</th><th>baseline</th></tr>");
    for (Object item : list) {
      Map<?, ?> d = item instanceof Map<?, ?> m ? m : Map.of("path", String.valueOf(item));
      h.append("<tr><td class=\"path\">")
          .append(esc(String.valueOf(d.get("path"))))
          .append("</td><td class=\"narrow\">")
          .append(esc(d.get("kind") == null ? "" : String.valueOf(d.get("kind"))))
          .append("</td><td class=\"sandbox\"><pre>")
          .append(pretty(d.get("sandbox")))
          .append("</pre></td><td class=\"baseline\"><pre>")
          .append(pretty(d.get("baseline")))
          .append("</pre></td></tr>");
    }
    h.append("</table>\n");
  }

  private static String lines(CapturedLog log) {
    return log.lines().size() + (log.lines().size() == 1 ? " line" : " lines");
  }

  private static void logLines(StringBuilder h, List<LogEntry> lines) {
    h.append("<pre class=\"log\">");
    for (LogEntry l : lines) {
      boolean err = "stderr".equals(l.stream());
      h.append(err ? "<span class=\"err\">" : "")
          .append(esc(l.text()))
          .append(err ? "</span>" : "");
      h.append('\n');
    }
    h.append("</pre>");
  }

  private static void forkLogs(StringBuilder h, RunResult run) {
    if (run.forkLogs().isEmpty()) {
      return;
    }
    h.append("<section class=\"card\"><h2>What the forked services logged</h2>\n");
    for (CapturedLog log : run.forkLogs()) {
      h.append("<details><summary><code>").append(esc(log.service() + "@" + log.instance()));
      h.append("</code> (").append(lines(log)).append(")</summary>");
      h.append("<div class=\"body\">");
      logLines(h, log.lines());
      h.append("</div></details>\n");
    }
    h.append("</section>\n");
  }

  private static void footer(StringBuilder h, RunResult run, ReportSignature signature) {
    h.append("<footer>Signed evidence: <code>")
        .append(SignedReport.FILE)
        .append("</code> · payload sha256 <code>")
        .append(esc(signature.payloadSha256()))
        .append("</code> · key <code>")
        .append(esc(signature.keyId()))
        .append("</code><br>Verify with <code>prooflane verify ")
        .append(SignedReport.FILE)
        .append("</code>. This page is a view of that file; only the signed file is evidence.")
        .append(" Skill digest <code>")
        .append(esc(run.skill().digest()))
        .append("</code>.</footer>\n");
  }
}
