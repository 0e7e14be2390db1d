package dev.prooflane.bench.skills;

import static dev.prooflane.bench.skills.SkillsBenchMain.CHECKS;
import static dev.prooflane.bench.skills.SkillsBenchMain.HTTP_STEPS;
import static dev.prooflane.bench.skills.SkillsBenchMain.RUNS;
import static dev.prooflane.bench.skills.SkillsBenchMain.WARMUP_RUNS;
import static dev.prooflane.bench.skills.SkillsBenchMain.secondsSince;

import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.bench.Series;
import dev.prooflane.model.Sandbox;
import dev.prooflane.server.Daemon;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Part 1 of the skills benchmark: runs skills with many steps against one sandbox forking pricing
 * and subtracts the network time of their HTTP exchanges; compares with the same requests sent by a
 * plain java.net.http loop.
 */
final class EngineOverhead {
  private static final List<String> FIGURES =
      List.of(
          "checks.overhead",
          "checks.run",
          "check.step",
          "gap",
          "prologue",
          "epilogue",
          "one.run",
          "http.overhead",
          "http.run",
          "http.instep",
          "http.exchange",
          "http.extra",
          "plain.loop",
          "plain.request");

  private final Daemon daemon;
  private final SkillEngine engine;
  private final Map<String, Series> s = new LinkedHashMap<>();

  EngineOverhead(Daemon daemon, SkillEngine engine) {
    this.daemon = daemon;
    this.engine = engine;
    FIGURES.forEach(name -> s.put(name, new Series()));
  }

  /** Measures against a new sandbox whose pricing fork runs {@code forkCommand}; prints. */
  void measure(List<String> forkCommand) throws IOException, InterruptedException {
    long c = System.nanoTime();
    Sandbox sandbox =
        daemon.runtime().createSandbox(BenchSkills.sandbox("bench-overhead", forkCommand), l -> {});
    System.out.printf(
        "sandbox %s (forks pricing) ready in %.1f s%n", sandbox.name(), secondsSince(c));
    String key = sandbox.routingKey().value();
    URI pricing = URI.create("http://127.0.0.1:" + daemon.runtime().routerPorts().get("pricing"));
    PlainLoop plain =
        new PlainLoop(pricing.resolve("/prices/1"), daemon.runtime().environment().keyNames(), key);
    System.out.printf(
        "%nengine overhead: %d warm-up + %d measured runs of each skill, interleaved%n",
        WARMUP_RUNS, RUNS);
    for (int i = 0; i < WARMUP_RUNS + RUNS; i++) {
      // bench-checks: 1 http (frontend, 4 hops) + CHECKS check steps
      TimedRun checks = TimedRun.run(engine, "bench-checks", sandbox.name());
      // bench-one: the same http step alone (for the check cost by difference)
      TimedRun one = TimedRun.run(engine, "bench-one", sandbox.name());
      // bench-http: HTTP_STEPS http steps to pricing (1 hop each, to the fork)
      TimedRun http = TimedRun.run(engine, "bench-http", sandbox.name());
      // the same HTTP_STEPS requests with the same key headers, no engine
      long p = System.nanoTime();
      double[] perRequest = plain.send(HTTP_STEPS);
      double plainMillis = (System.nanoTime() - p) / 1e6;
      for (TimedRun t : List.of(checks, one, http)) {
        if (t.result.verdict() != Verdict.PASS) {
          throw new IllegalStateException(
              t.result.skill().name() + ": " + t.result.verdict() + ": " + t.result.message());
        }
      }
      if (i >= WARMUP_RUNS) {
        record(checks, one, http, plainMillis, perRequest);
      }
    }
    print();
    daemon.runtime().deleteSandbox(sandbox.name());
  }

  private void record(
      TimedRun checks, TimedRun one, TimedRun http, double plainMillis, double[] perRequest) {
    s.get("checks.run").add(checks.wallMillis);
    s.get("checks.overhead").add(checks.overheadPerStep());
    s.get("one.run").add(one.wallMillis);
    s.get("http.run").add(http.wallMillis);
    s.get("http.overhead").add(http.overheadPerStep());
    s.get("plain.loop").add(plainMillis);
    for (double r : perRequest) {
      s.get("plain.request").add(r);
    }
    for (TimedRun t : List.of(checks, http)) {
      s.get("prologue").add(t.prologueMillis());
      s.get("epilogue").add(t.epilogueMillis());
      t.gaps().forEach(s.get("gap")::add);
    }
    checks.stepMillis("check").forEach(s.get("check.step")::add);
    http.stepMillis("http").forEach(s.get("http.instep")::add);
    http.exchangeMillis().forEach(s.get("http.exchange")::add);
    List<Double> walls = http.stepMillis("http");
    List<Double> nets = http.exchangeMillis();
    for (int k = 0; k < walls.size(); k++) {
      s.get("http.extra").add(walls.get(k) - nets.get(k));
    }
  }

  private void print() {
    int checkSteps = 1 + CHECKS;
    int httpSteps = HTTP_STEPS;
    System.out.printf("%n%-58s %10s %10s%n", "figure (ms)", "p50", "p99");
    row("bench-checks (" + checkSteps + " steps) run wall", "checks.run");
    row("  overhead per step = (wall - network) / steps", "checks.overhead");
    row("  one check step (listener start -> finish)", "check.step");
    row("bench-one (1 http step) run wall", "one.run");
    System.out.printf(
        "  check step by difference: (p50 checks - p50 one) / %d = %.3f ms%n",
        CHECKS, (s.get("checks.run").p(50) - s.get("one.run").p(50)) / CHECKS);
    row("bench-http (" + httpSteps + " http steps) run wall", "http.run");
    row("  overhead per step = (wall - network) / steps", "http.overhead");
    row("  http step wall (listener start -> finish)", "http.instep");
    row("  its exchange's durationMillis (network)", "http.exchange");
    row("  http step wall - its exchange (engine inside the step)", "http.extra");
    Series extra = s.get("http.extra");
    System.out.printf(
        "  http steps with > 5 ms inside the step beyond the exchange: %.1f%%%n",
        100.0 * extra.countAbove(5) / extra.size());
    row("plain java.net.http loop, " + httpSteps + " requests", "plain.loop");
    row("  one plain request", "plain.request");
    row("between steps (finish -> next start)", "gap");
    row("run prologue (run() -> first step start)", "prologue");
    row("run epilogue (last step -> result, less control request)", "epilogue");
    double ratio = s.get("http.run").p(50) / s.get("plain.loop").p(50);
    double perStepVsPlain = (s.get("http.run").p(50) - s.get("plain.loop").p(50)) / httpSteps;
    System.out.printf(
        "%nengine / plain loop (same %d requests, p50 wall): %.2fx; (engine - plain) / steps ="
            + " %.3f ms%n",
        httpSteps, ratio, perStepVsPlain);
    double checksOverhead = s.get("checks.overhead").p(50);
    double httpOverhead = s.get("http.overhead").p(50);
    System.out.printf(
        "goal: engine overhead per step < 1 ms -> checks skill %s (%.3f ms), http skill %s (%.3f"
            + " ms)%n",
        checksOverhead < 1 ? "MET" : "NOT MET",
        checksOverhead,
        httpOverhead < 1 ? "MET" : "NOT MET",
        httpOverhead);
  }

  private void row(String label, String figure) {
    System.out.printf("%-58s %10.3f %10.3f%n", label, s.get(figure).p(50), s.get(figure).p(99));
  }
}
