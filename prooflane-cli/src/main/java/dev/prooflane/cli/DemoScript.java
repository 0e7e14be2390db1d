package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.model.Environment;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.HopQuery;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.json.SkillRunRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The steps of {@code prooflane demo} against a running daemon; returns the JSON result. */
final class DemoScript {
  private final Environment env;
  private final DaemonClient api;
  private final PrintWriter out;
  private final int requests;
  private final ShopProbe shop;
  private boolean ok = true;

  DemoScript(Environment env, DaemonClient api, Daemon daemon, PrintWriter out, int requests) {
    this.env = env;
    this.api = api;
    this.out = out;
    this.requests = requests;
    String frontend = "http://127.0.0.1:" + daemon.runtime().routerPorts().get("frontend");
    this.shop = new ShopProbe(frontend, env.keyNames().baggage());
  }

  Map<String, Object> run() throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    out.println(
        "== 2. Create sandbox 'demo-discount': fork ONLY pricing, with the discount change");
    long start = System.nanoTime();
    SandboxView a = create("demo-discount", "PricingDiscountMain");
    long readyMillis = (System.nanoTime() - start) / 1_000_000;
    String keyA = a.routingKey();
    out.printf("   routable %d ms after the create request; routing key %s%n", readyMillis, keyA);
    result.put("sandbox", "demo-discount");
    result.put("routingKey", keyA);
    result.put("readyMillis", readyMillis);

    out.println(
        "== 3. The same request, GET /products/1 at the frontend, with and without the key");
    String traceId = String.format("%032x", System.nanoTime());
    ShopProbe.Answer keyed = shop.product(1, keyA, "00-" + traceId + "-00f067aa0ba902b7-01");
    ShopProbe.Answer unkeyed = shop.product(1, null);
    printHops("with key " + keyA, keyed);
    printHops("without key", unkeyed);
    out.printf(
        "   price with the key: %s (list %s, %s); without: %s%n",
        keyed.body().path("price").asText(),
        keyed.body().path("listPrice").asText("-"),
        keyed.body().path("discount").asText("no discount"),
        unkeyed.body().path("price").asText());
    expect(
        keyed.status() == 200 && "demo-discount".equals(keyed.servedBy("pricing")),
        "keyed request reached the fork at the pricing hop");
    expect(
        keyed.hops().stream()
            .filter(h -> !"pricing".equals(h.get("service")))
            .allMatch(h -> "baseline".equals(h.get("servedBy"))),
        "the hops before and after pricing stayed on the baseline");
    expect(
        unkeyed.status() == 200
            && unkeyed.hops().stream().allMatch(h -> "baseline".equals(h.get("servedBy"))),
        "the unkeyed request never saw the sandbox");
    result.put("keyed", answer(keyed));
    result.put("unkeyed", answer(unkeyed));

    out.println(
        "== 4. A second sandbox forks the same service: 'demo-regression' (a regressed pricing)");
    SandboxView b = create("demo-regression", "PricingRegressionMain");
    String keyB = b.routingKey();
    result.put("isolation", isolation(keyA, keyB));

    out.println("== 5. The router's hop log for that keyed request (trace " + traceId + "):");
    for (JsonNode h : api.hops(HopQuery.ofKey(keyA, 10_000)).path("hops")) {
      if (traceId.equals(h.path("traceId").asText())) {
        out.printf(
            "   %-9s -> %-15s %s %s %d%n",
            h.path("service").asText(),
            h.path("destination").asText(),
            h.path("method").asText(),
            h.path("path").asText(),
            h.path("status").asInt());
      }
    }

    out.println("== 6. Validate both changes with the skill 'product-contract' (signed reports)");
    List<Map<String, Object>> validation = new ArrayList<>();
    validation.add(validate("demo-discount", "PASS"));
    validation.add(validate("demo-regression", "FAIL"));
    result.put("validation", validation);

    out.println("== 7. Delete both sandboxes: the key routes to the baseline again, at once");
    api.deleteSandbox("demo-discount");
    api.deleteSandbox("demo-regression");
    ShopProbe.Answer after = shop.product(1, keyA);
    printHops("with key " + keyA + " after delete", after);
    expect(
        after.status() == 200 && "baseline".equals(after.servedBy("pricing")),
        "after delete the key reaches the baseline");
    result.put("afterDelete", answer(after));
    result.put("ok", ok);
    return result;
  }

  private Map<String, Object> validate(String sandbox, String expected) {
    RunView run =
        api.runSkill(new SkillRunRequest("product-contract", sandbox, Map.of(), null), line -> {});
    String verdict = RunPrinter.verdictOrState(run);
    out.printf("   %s: %s — %s%n", sandbox, verdict, RunPrinter.message(run));
    for (Map<String, Object> step : run.steps()) {
      if ("FAIL".equals(step.get("verdict"))) {
        out.printf("     failing step %s: %s%n", step.get("id"), step.get("message"));
      }
    }
    out.println("     report: " + report(run, "html"));
    expect(expected.equals(verdict), "the " + sandbox + " change validates as " + expected);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("sandbox", sandbox);
    entry.put("skill", "product-contract");
    entry.put("verdict", verdict);
    entry.put("message", RunPrinter.message(run));
    entry.put("report", report(run, "json"));
    entry.put("reportHtml", report(run, "html"));
    return entry;
  }

  /** The run's report file of {@code kind} ({@code json}, {@code html}, ...), or empty. */
  private static String report(RunView run, String kind) {
    return run.reports().getOrDefault(kind, "");
  }

  private SandboxView create(String name, String mainClass) {
    List<String> command = DemoCommand.pricingVariant(env, mainClass);
    out.println("   fork command: " + String.join(" ", command));
    return api.createSandbox(
        DemoCommand.sandboxRequest(name, command), line -> out.println("   " + line));
  }

  private Map<String, Object> isolation(String keyA, String keyB) throws Exception {
    out.printf("   %d concurrent requests: a third with each key, a third without%n", requests);
    String[] keys = {keyA, keyB, null};
    String[] expected = {"demo-discount", "demo-regression", "baseline"};
    AtomicInteger misroutes = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        int which = i % 3;
        int id = new int[] {1, 2, 4, 5}[i % 4];
        futures.add(
            pool.submit(
                () -> {
                  ShopProbe.Answer answer = shop.product(id, keys[which]);
                  if (answer.status() != 200) {
                    failures.incrementAndGet();
                  } else if (!expected[which].equals(answer.servedBy("pricing"))) {
                    misroutes.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(
        "   %d requests in %.1f s: %d misrouted, %d failed%n",
        requests, seconds, misroutes.get(), failures.get());
    expect(
        misroutes.get() == 0 && failures.get() == 0,
        "two sandboxes forking the same service never saw each other's requests");
    Map<String, Object> isolation = new LinkedHashMap<>();
    isolation.put("sandboxes", List.of("demo-discount", "demo-regression"));
    isolation.put("requests", requests);
    isolation.put("misroutes", misroutes.get());
    isolation.put("failures", failures.get());
    return isolation;
  }

  private void printHops(String label, ShopProbe.Answer answer) {
    out.printf("   %s: HTTP %d%n", label, answer.status());
    for (Map<String, String> hop : answer.hops()) {
      out.printf("     %-10s served by %s%n", hop.get("service"), hop.get("servedBy"));
    }
  }

  private void expect(boolean condition, String what) {
    out.println((condition ? "   OK   " : "   FAIL ") + what);
    ok &= condition;
  }

  private static Map<String, Object> answer(ShopProbe.Answer answer) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", answer.status());
    out.put("hops", answer.hops());
    out.put("price", answer.body().path("price"));
    return out;
  }
}
