package dev.prooflane.actions.report;

import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.Coverage;
import dev.prooflane.actions.engine.KeyTrail;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.LogEntry;
import dev.prooflane.runtime.PropagationDrop;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Run results built by hand: a passing, a failing and an inconclusive run against pr-42. */
final class Runs {
  static final Instant T0 = Instant.parse("2026-11-03T10:15:30Z");
  static final RunResult.SkillRef SKILL =
      new RunResult.SkillRef(
          "price-check",
          "2",
          "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          "skills/price-check.yaml");
  static final RunResult.Target TARGET =
      new RunResult.Target("shop", "pr-42", "k7f3a", List.of("pricing"));

  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private Runs() {}

  static HopEntry hop(long seq, String service, String destination, String path) {
    return hop(seq, 10 * seq, TRACE, "k7f3a", service, destination, path, 1800);
  }

  /** A GET answered 200, arriving {@code atMillis} after T0. */
  static HopEntry hop(
      long seq,
      long atMillis,
      String trace,
      String key,
      String service,
      String destination,
      String path,
      long micros) {
    return new HopEntry(
        seq, T0.plusMillis(atMillis), trace, key, service, destination, "GET", path, 200, micros);
  }

  static Exchange quote(String body, List<HopEntry> hops) {
    return new Exchange(
        "sandbox",
        "pricing",
        true,
        "GET",
        "http://127.0.0.1:7101/prices/1",
        Map.of("baggage", List.of("sd-routing-key=k7f3a"), "accept", List.of("application/json")),
        null,
        200,
        Map.of("content-type", List.of("application/json")),
        body,
        12.5,
        TRACE,
        hops,
        null);
  }

  static Exchange control() {
    return new Exchange(
        "control",
        "pricing",
        false,
        "GET",
        "http://127.0.0.1:7101/prices/1",
        Map.of(),
        null,
        200,
        Map.of("content-type", List.of("application/json")),
        "{\"id\":1,\"price\":10.0}",
        8.0,
        "0af7651916cd43dd8448eb211c80319c",
        List.of(
            hop(
                9,
                900,
                "0af7651916cd43dd8448eb211c80319c",
                null,
                "pricing",
                "baseline",
                "/prices/1",
                1500)),
        null);
  }

  static StepResult step(String id, String action, Verdict verdict, String message, long millis) {
    return new StepResult(
        id,
        action,
        verdict,
        message,
        Map.of(),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        millis,
        "skills/price-check.yaml:12");
  }

  static RunResult pass() {
    List<HopEntry> hops = List.of(hop(1, "pricing", "pr-42", "/prices/1"));
    StepResult quote =
        new StepResult(
            "quote",
            "http",
            Verdict.PASS,
            "GET /prices/1 answered 200",
            map("path", "/prices/1"),
            map("status", 200L, "body", map("id", 1L, "price", 9.0)),
            List.of(),
            List.of(quote("{\"id\":1,\"price\":9.0}", hops)),
            List.of(),
            List.of(),
            14,
            "skills/price-check.yaml:10");
    StepResult contract =
        new StepResult(
            "contract",
            "schema",
            Verdict.PASS,
            "valid against api/pricing.yaml getPrice 200",
            Map.of(),
            map("valid", true),
            List.of(Assertion.passed("$", "matches")),
            List.of(),
            List.of(),
            List.of(),
            3,
            "skills/price-check.yaml:16");
    return run(
        "run-pass",
        List.of(quote, contract),
        Verdict.PASS,
        "every step passed",
        new Coverage(Map.of("pricing", true), hops, KeyTrail.of("k7f3a", List.of(), hops)));
  }

  static RunResult fail() {
    List<HopEntry> hops =
        List.of(
            hop(1, "pricing", "pr-42", "/prices/1"),
            hop(2, "catalog", "baseline", "/items/1"),
            hop(3, "pricing", "pr-42", "/prices/2"));
    StepResult quote =
        new StepResult(
            "quote",
            "http",
            Verdict.PASS,
            "GET /prices/1 answered 200",
            map("path", "/prices/1"),
            map("status", 200L, "body", map("id", 1L, "price", "9.00")),
            List.of(),
            List.of(quote("{\"id\":1,\"price\":\"9.00\"}", hops.subList(0, 2))),
            List.of(),
            List.of(),
            14,
            "skills/price-check.yaml:10");
    StepResult contract =
        new StepResult(
            "contract",
            "schema",
            Verdict.FAIL,
            "2 violations of api/pricing.yaml: $.price: expected number, got string; ...",
            Map.of(),
            map("valid", false),
            List.of(
                Assertion.failed("$.price", "expected number, got string", "number", "string"),
                Assertion.failed(
                    "$.items[0]['unit price']", "expected <integer> & \"positive\"", null, -1L)),
            List.of(),
            List.of(),
            List.of(),
            4,
            "skills/price-check.yaml:16");
    StepResult logs =
        new StepResult(
            "no_errors",
            "logs",
            Verdict.FAIL,
            "pricing@pr-42 wrote a line matching 'ERROR'",
            Map.of(),
            Map.of(),
            List.of(Assertion.failed("notContains", "ERROR found in 1 line", null, null)),
            List.of(),
            List.of(
                new CapturedLog(
                    "pricing",
                    "pr-42",
                    List.of(
                        new LogEntry(41, T0, "stdout", "GET /prices/1 200"),
                        new LogEntry(
                            42,
                            T0,
                            "stderr",
                            "ERROR PriceFormatter: formatted price as text </pre><script>x</script>")))),
            List.of(),
            2,
            "skills/price-check.yaml:22");
    StepResult diff =
        new StepResult(
            "compare",
            "diff",
            Verdict.FAIL,
            "1 difference: $.price",
            Map.of(),
            map(
                "differences",
                List.of(
                    map("path", "$.price", "kind", "changed", "sandbox", "9.00", "baseline", 10.0)),
                "equal",
                false),
            List.of(Assertion.failed("$.price", "differs (only $.discount may)", 10.0, "9.00")),
            List.of(),
            List.of(),
            List.of(),
            30,
            "skills/price-check.yaml:30");
    StepResult nested =
        new StepResult(
            "smoke",
            "skill",
            Verdict.ERROR,
            "called skill smoke failed",
            Map.of(),
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(
                step(
                    "smoke.ping",
                    "http",
                    Verdict.ERROR,
                    "pricing unreachable: connection refused",
                    5)),
            6,
            "skills/price-check.yaml:40");
    StepResult skipped =
        step("report_price", "check", Verdict.SKIPPED, "not run: an earlier step failed", 0);
    return run(
        "run-fail",
        List.of(quote, contract, logs, diff, nested, skipped),
        Verdict.FAIL,
        "contract: 2 violations",
        new Coverage(Map.of("pricing", true), hops, KeyTrail.of("k7f3a", List.of(), hops)));
  }

  /** Catalog received the key but called pricing without it, in the same trace. */
  static RunResult inconclusive() {
    return inconclusive(List.of());
  }

  /** The inconclusive run, its dropper named by {@code records} of a drop detector. */
  static RunResult inconclusive(List<PropagationDrop> records) {
    List<HopEntry> hops = List.of(hop(1, "catalog", "baseline", "/items/1"));
    HopEntry unkeyed = hop(2, 11, TRACE, null, "pricing", "baseline", "/prices/1", 400);
    StepResult quote =
        new StepResult(
            "quote",
            "http",
            Verdict.PASS,
            "GET /items/1 answered 200",
            Map.of(),
            Map.of(),
            List.of(),
            List.of(quote("{}", hops)),
            List.of(),
            List.of(),
            9,
            "skills/price-check.yaml:10");
    return run(
        "run-inconclusive",
        List.of(quote),
        Verdict.INCONCLUSIVE,
        "no keyed request reached pricing in pr-42",
        new Coverage(
            Map.of("pricing", false),
            hops,
            KeyTrail.of("k7f3a", List.of("pricing"), List.of(unkeyed, hops.get(0)), records)));
  }

  private static RunResult run(
      String id, List<StepResult> steps, Verdict verdict, String message, Coverage coverage) {
    return new RunResult(
        id,
        T0,
        steps.stream().mapToLong(StepResult::durationMillis).sum() + 20,
        SKILL,
        TARGET,
        map("itemId", 1L),
        steps,
        Map.of(),
        verdict,
        message,
        coverage,
        control(),
        List.of(
            new CapturedLog(
                "pricing",
                "pr-42",
                List.of(new LogEntry(40, T0, "stdout", "started pricing on :7201")))));
  }

  static Map<String, Object> map(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }
}
