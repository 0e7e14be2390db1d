import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.EngineOptions;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.model.Fork;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.server.Daemon;
import dev.prooflane.local.LocalRuntimeAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The skills benchmark for bench/skills.sh. Starts the demo shop in-process, then:
 *
 * <ol>
 *   <li>engine overhead: runs skills with many steps against one sandbox forking pricing and
 *       subtracts the network time of their HTTP exchanges; compares with the same requests sent by
 *       a plain java.net.http loop;
 *   <li>isolation: creates N sandboxes forking pricing, runs product-contract against all of them at
 *       once, and counts cross-talk (a hop or a response that belongs to another sandbox).
 * </ol>
 *
 * <p>Usage: java -cp CLASSPATH bench/SkillsBenchMain.java ROOT WORKDIR FORK_MARKER. Sizes come from
 * the environment (see bench/skills.sh).
 */
public final class SkillsBenchMain {
  static final int CHECKS = env("CHECKS", 50);
  static final int HTTP_STEPS = env("HTTP_STEPS", 20);
  static final int WARMUP_RUNS = env("WARMUP_RUNS", 30);
  static final int RUNS = env("RUNS", 200);
  static final int SANDBOXES = env("SANDBOXES", 50);
  static final int CREATE_PARALLEL = env("CREATE_PARALLEL", 3);
  static final int ROUNDS = env("ROUNDS", 3);

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path work = Path.of(args[1]);
    String marker = args[2];
    List<String> forkCommand =
        List.of(
            "java",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx64m",
            "-Xss512k",
            "-D" + marker,
            "-cp",
            "${artifact}",
            "dev.prooflane.examples.shop.pricing.PricingDiscountMain");
    Path skillsDir = writeSkills(work.resolve("skills"));
    long t0 = System.nanoTime();
    Daemon daemon =
        Daemon.start(
            EnvironmentReader.read(root.resolve("examples/shop/prooflane.yaml")),
            work.resolve("state"),
            "127.0.0.1",
            0,
            line -> {});
    System.out.printf("daemon with the shop baseline up in %.1f s%n", secondsSince(t0));
    ActionCatalog actions = ActionCatalog.builtIn();
    SkillCatalog skills =
        SkillCatalog.load(
            List.of(skillsDir, root.resolve("examples/shop/skills")), actions.names());
    try (SkillEngine engine =
        new SkillEngine(
            actions, skills, new LocalRuntimeAccess(daemon.runtime(), dev.prooflane.actions.policy.Redactor.DEFAULT::text), EngineOptions.DEFAULT)) {
      overhead(daemon, engine, forkCommand);
      isolation(daemon, engine, forkCommand);
    } finally {
      long c = System.nanoTime();
      daemon.close();
      System.out.printf(
          "%ndaemon closed in %.1f s; child processes left: %d%n",
          secondsSince(c), ProcessHandle.current().descendants().count());
    }
  }

  // ---------------------------------------------------------------- part 1: engine overhead

  static void overhead(Daemon daemon, SkillEngine engine, List<String> forkCommand)
      throws Exception {
    long c = System.nanoTime();
    Sandbox sandbox = daemon.runtime().createSandbox(spec("bench-overhead", forkCommand), l -> {});
    System.out.printf("sandbox %s (forks pricing) ready in %.1f s%n", sandbox.name(), secondsSince(c));
    String key = sandbox.routingKey().value();
    URI pricing = URI.create("http://127.0.0.1:" + daemon.runtime().routerPorts().get("pricing"));
    PlainLoop plain = new PlainLoop(pricing.resolve("/prices/1"), daemon.runtime().environment().keyNames(), key);

    Map<String, Series> s = new java.util.LinkedHashMap<>();
    for (String name :
        List.of(
            "checks.overhead", "checks.run", "check.step", "gap", "prologue", "epilogue",
            "one.run", "http.overhead", "http.run", "http.instep", "http.exchange", "http.extra", "plain.loop",
            "plain.request")) {
      s.put(name, new Series());
    }
    int total = WARMUP_RUNS + RUNS;
    System.out.printf(
        "%nengine overhead: %d warm-up + %d measured runs of each skill, interleaved%n",
        WARMUP_RUNS, RUNS);
    for (int i = 0; i < total; i++) {
      boolean measure = i >= WARMUP_RUNS;
      // bench-checks: 1 http (frontend, 4 hops) + CHECKS check steps
      Timed checks = Timed.run(engine, "bench-checks", sandbox.name());
      // bench-one: the same http step alone (for the check cost by difference)
      Timed one = Timed.run(engine, "bench-one", sandbox.name());
      // bench-http: HTTP_STEPS http steps to pricing (1 hop each, to the fork)
      Timed http = Timed.run(engine, "bench-http", sandbox.name());
      // the same HTTP_STEPS requests with the same key headers, no engine
      long p = System.nanoTime();
      double[] perRequest = plain.send(HTTP_STEPS);
      double plainMillis = (System.nanoTime() - p) / 1e6;
      for (Timed t : List.of(checks, one, http)) {
        if (t.result.verdict() != Verdict.PASS) {
          throw new IllegalStateException(
              t.result.skill().name() + ": " + t.result.verdict() + ": " + t.result.message());
        }
      }
      if (!measure) {
        continue;
      }
      s.get("checks.run").add(checks.wallMillis);
      s.get("checks.overhead").add(checks.overheadPerStep());
      s.get("one.run").add(one.wallMillis);
      s.get("http.run").add(http.wallMillis);
      s.get("http.overhead").add(http.overheadPerStep());
      s.get("plain.loop").add(plainMillis);
      for (double r : perRequest) {
        s.get("plain.request").add(r);
      }
      for (Timed t : List.of(checks, http)) {
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
    int checkSteps = 1 + CHECKS;
    int httpSteps = HTTP_STEPS;
    System.out.printf("%n%-58s %10s %10s%n", "figure (ms)", "p50", "p99");
    row("bench-checks (" + checkSteps + " steps) run wall", s.get("checks.run"));
    row("  overhead per step = (wall - network) / steps", s.get("checks.overhead"));
    row("  one check step (listener start -> finish)", s.get("check.step"));
    row("bench-one (1 http step) run wall", s.get("one.run"));
    System.out.printf(
        "  check step by difference: (p50 checks - p50 one) / %d = %.3f ms%n",
        CHECKS, (s.get("checks.run").p(50) - s.get("one.run").p(50)) / CHECKS);
    row("bench-http (" + httpSteps + " http steps) run wall", s.get("http.run"));
    row("  overhead per step = (wall - network) / steps", s.get("http.overhead"));
    row("  http step wall (listener start -> finish)", s.get("http.instep"));
    row("  its exchange's durationMillis (network)", s.get("http.exchange"));
    row("  http step wall - its exchange (engine inside the step)", s.get("http.extra"));
    Series extra = s.get("http.extra");
    System.out.printf(
        "  http steps with > 5 ms inside the step beyond the exchange: %.1f%%%n",
        100.0 * extra.countAbove(5) / extra.size());
    row("plain java.net.http loop, " + httpSteps + " requests", s.get("plain.loop"));
    row("  one plain request", s.get("plain.request"));
    row("between steps (finish -> next start)", s.get("gap"));
    row("run prologue (run() -> first step start)", s.get("prologue"));
    row("run epilogue (last step -> result, less control request)", s.get("epilogue"));
    double ratio = s.get("http.run").p(50) / s.get("plain.loop").p(50);
    double perStepVsPlain =
        (s.get("http.run").p(50) - s.get("plain.loop").p(50)) / httpSteps;
    System.out.printf(
        "%nengine / plain loop (same %d requests, p50 wall): %.2fx; (engine - plain) / steps = %.3f ms%n",
        httpSteps, ratio, perStepVsPlain);
    System.out.printf(
        "goal: engine overhead per step < 1 ms -> checks skill %s (%.3f ms), http skill %s (%.3f ms)%n",
        s.get("checks.overhead").p(50) < 1 ? "MET" : "NOT MET",
        s.get("checks.overhead").p(50),
        s.get("http.overhead").p(50) < 1 ? "MET" : "NOT MET",
        s.get("http.overhead").p(50));
    daemon.runtime().deleteSandbox(sandbox.name());
  }

  /** One engine run, with the step start and finish times seen by a listener. */
  static final class Timed implements RunListener {
    final List<long[]> steps = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> actionOf = new ConcurrentHashMap<>();
    long start;
    long end;
    RunResult result;
    double wallMillis;

    static Timed run(SkillEngine engine, String skill, String sandbox) {
      Timed t = new Timed();
      t.start = System.nanoTime();
      t.result = engine.run(new RunRequest(skill, Optional.of(sandbox), Map.of()), t);
      t.end = System.nanoTime();
      t.wallMillis = (t.end - t.start) / 1e6;
      return t;
    }

    @Override
    public void stepStarted(String id, String action) {
      actionOf.put(id, action);
      steps.add(new long[] {System.nanoTime(), 0});
    }

    @Override
    public void stepFinished(StepResult r) {
      steps.get(steps.size() - 1)[1] = System.nanoTime();
    }

    double networkMillis() {
      double sum = 0;
      for (StepResult st : result.steps()) {
        for (Exchange e : st.exchanges()) {
          sum += e.durationMillis();
        }
      }
      if (result.control() != null) {
        sum += result.control().durationMillis();
      }
      return sum;
    }

    double overheadPerStep() {
      return (wallMillis - networkMillis()) / result.steps().size();
    }

    List<Double> stepMillis(String action) {
      List<Double> out = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        if (result.steps().get(i).action().equals(action)) {
          out.add((steps.get(i)[1] - steps.get(i)[0]) / 1e6);
        }
      }
      return out;
    }

    List<Double> exchangeMillis() {
      List<Double> out = new ArrayList<>();
      for (StepResult st : result.steps()) {
        st.exchanges().forEach(e -> out.add(e.durationMillis()));
      }
      return out;
    }

    List<Double> gaps() {
      List<Double> out = new ArrayList<>();
      for (int i = 1; i < steps.size(); i++) {
        out.add((steps.get(i)[0] - steps.get(i - 1)[1]) / 1e6);
      }
      return out;
    }

    double prologueMillis() {
      return (steps.get(0)[0] - start) / 1e6;
    }

    double epilogueMillis() {
      double control = result.control() == null ? 0 : result.control().durationMillis();
      return (end - steps.get(steps.size() - 1)[1]) / 1e6 - control;
    }
  }

  /** The "no engine" peer: the same keyed GETs in a plain java.net.http loop. */
  static final class PlainLoop {
    private final HttpClient client =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final KeyNames names;
    private final String key;

    PlainLoop(URI uri, KeyNames names, String key) {
      this.uri = uri;
      this.names = names;
      this.key = key;
    }

    double[] send(int n) throws Exception {
      double[] millis = new double[n];
      for (int i = 0; i < n; i++) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (!names.baggage().isEmpty()) {
          b.header("baggage", names.baggage() + "=" + key);
        }
        if (!names.header().isEmpty()) {
          b.header(names.header(), key);
        }
        b.header("traceparent", traceparent());
        long s = System.nanoTime();
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        millis[i] = (System.nanoTime() - s) / 1e6;
        if (r.statusCode() != 200) {
          throw new IllegalStateException("plain loop: " + r.statusCode() + " " + r.body());
        }
      }
      return millis;
    }

    private static String traceparent() {
      ThreadLocalRandom r = ThreadLocalRandom.current();
      return String.format("00-%016x%016x-%016x-01", r.nextLong(), r.nextLong(), r.nextLong());
    }
  }

  // ---------------------------------------------------------------- part 2: isolation

  static void isolation(Daemon daemon, SkillEngine engine, List<String> forkCommand)
      throws Exception {
    System.out.printf(
        "%nisolation: %d sandboxes forking pricing (created %d at a time), product-contract on all"
            + " at once%n",
        SANDBOXES, CREATE_PARALLEL);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < SANDBOXES; i++) {
      names.add("bench-" + i);
    }
    Map<String, String> keys = new ConcurrentHashMap<>();
    ExecutorService creators = Executors.newFixedThreadPool(CREATE_PARALLEL);
    long c = System.nanoTime();
    try {
      List<Future<Sandbox>> created = new ArrayList<>();
      for (String name : names) {
        created.add(
            creators.submit(() -> daemon.runtime().createSandbox(spec(name, forkCommand), l -> {})));
      }
      for (Future<Sandbox> f : created) {
        Sandbox sb = f.get();
        keys.put(sb.name(), sb.routingKey().value());
      }
      double createSeconds = secondsSince(c);
      System.out.printf(
          "created %d sandboxes in %.1f s (%.2f s each on average, %d in parallel)%n",
          keys.size(), createSeconds, createSeconds / SANDBOXES * CREATE_PARALLEL, CREATE_PARALLEL);
      if (keys.values().stream().distinct().count() != keys.size()) {
        System.out.println("ODD: two sandboxes share a routing key");
      }

      int totalCrossTalk = 0;
      Map<Verdict, Integer> allVerdicts = new EnumMap<>(Verdict.class);
      for (int round = 1; round <= ROUNDS; round++) {
        List<String> crossTalk = round(daemon, engine, names, keys, round, allVerdicts);
        totalCrossTalk += crossTalk.size();
        crossTalk.stream().limit(20).forEach(x -> System.out.println("    " + x));
      }
      System.out.printf(
          "all %d rounds: verdicts %s, cross-talk %d (expected: all PASS, 0)%n",
          ROUNDS, allVerdicts, totalCrossTalk);
    } finally {
      creators.shutdown();
      long d = System.nanoTime();
      for (String name : names) {
        if (keys.containsKey(name)) {
          try {
            daemon.runtime().deleteSandbox(name);
          } catch (RuntimeException e) {
            System.out.println("delete " + name + ": " + e.getMessage());
          }
        }
      }
      System.out.printf("deleted %d sandboxes in %.1f s%n", keys.size(), secondsSince(d));
    }
  }

  /**
   * One round: product-contract against every sandbox at once (one thread each, released
   * together); prints wall time, throughput, run durations and the time per step.
   */
  static List<String> round(
      Daemon daemon,
      SkillEngine engine,
      List<String> names,
      Map<String, String> keys,
      int round,
      Map<Verdict, Integer> allVerdicts)
      throws Exception {
    long hopCursor = lastHop(daemon);
    ExecutorService runners = Executors.newFixedThreadPool(names.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Timed>> runs = new ArrayList<>();
    for (String name : names) {
      runs.add(
          runners.submit(
              () -> {
                go.await();
                return Timed.run(engine, "product-contract", name);
              }));
    }
    long w = System.nanoTime();
    go.countDown();
    List<Timed> results = new ArrayList<>();
    for (Future<Timed> f : runs) {
      results.add(f.get());
    }
    double wallSeconds = secondsSince(w);
    runners.shutdown();

    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    Series duration = new Series();
    List<String> crossTalk = new ArrayList<>();
    Map<String, Series> perStep = new java.util.LinkedHashMap<>();
    Series epilogue = new Series();
    Series prologue = new Series();
    Series control = new Series();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Timed t = results.get(i);
      verdicts.merge(t.result.verdict(), 1, Integer::sum);
      allVerdicts.merge(t.result.verdict(), 1, Integer::sum);
      duration.add(t.wallMillis);
      if (t.result.verdict() != Verdict.PASS) {
        System.out.println("    " + name + ": " + t.result.verdict() + ": " + t.result.message());
      }
      crossTalk.addAll(crossTalk(name, keys.get(name), t.result));
      for (int k = 0; k < t.steps.size(); k++) {
        perStep
            .computeIfAbsent(t.result.steps().get(k).id(), x -> new Series())
            .add((t.steps.get(k)[1] - t.steps.get(k)[0]) / 1e6);
      }
      epilogue.add(t.epilogueMillis());
      prologue.add(t.prologueMillis());
      control.add(t.result.control() == null ? 0 : t.result.control().durationMillis());
    }
    crossTalk.addAll(globalCrossTalk(daemon, hopCursor, keys));
    if (round == 1 && names.size() > 1) {
      // The detector must be able to fail: judge the second run as if it were the first sandbox's.
      int found = crossTalk(names.get(0), keys.get(names.get(0)), results.get(1).result).size();
      System.out.printf(
          "detector self-check: %s's run judged as %s's -> %d findings (expected: > 0)%n",
          names.get(1), names.get(0), found);
    }
    System.out.printf(
        "round %d%s: %d runs in %.2f s wall, %.1f runs/s; run p50 %.0f ms, p99 %.0f ms;"
            + " verdicts %s; cross-talk %d%n",
        round, round == 1 ? " (cold forks)" : "", results.size(), wallSeconds,
        results.size() / wallSeconds, duration.p(50), duration.p(99), verdicts, crossTalk.size());
    StringBuilder steps =
        new StringBuilder(
            String.format("    p50/p99 ms: prologue %.0f/%.0f |", prologue.p(50), prologue.p(99)));
    perStep.forEach((id, ser) -> steps.append(String.format(" %s %.0f/%.0f", id, ser.p(50), ser.p(99))));
    steps.append(
        String.format(
            " | control request %.0f/%.0f, rest of epilogue %.0f/%.0f",
            control.p(50), control.p(99), epilogue.p(50), epilogue.p(99)));
    System.out.println(steps);
    return crossTalk;
  }

  /**
   * What in one run points at another sandbox: its coverage's keyed hops, the hops of its HTTP
   * exchanges (found by trace id, not by key), and the hops the services themselves reported in
   * the response body (each fork knows its sandbox from PROOFLANE_SANDBOX).
   */
  static List<String> crossTalk(String name, String key, RunResult r) {
    List<String> out = new ArrayList<>();
    if (r.coverage() == null || r.coverage().keyedHops().isEmpty()) {
      out.add(name + ": no keyed hops in its coverage");
    } else {
      for (HopEntry h : r.coverage().keyedHops()) {
        checkHop(name, key, "coverage", h.service(), h.routingKey(), h.destination(), out);
      }
      if (r.coverage().keyedHops().stream().noneMatch(h -> h.service().equals("pricing"))) {
        out.add(name + ": coverage has no pricing hop");
      }
    }
    for (StepResult st : r.steps()) {
      for (Exchange e : st.exchanges()) {
        for (HopEntry h : e.hops()) {
          checkHop(name, key, "exchange " + st.id(), h.service(), h.routingKey(), h.destination(), out);
        }
      }
      if (st.action().equals("http") && st.outputs().get("body") instanceof Map<?, ?> body) {
        if (!(body.get("hops") instanceof List<?> hops) || hops.isEmpty()) {
          out.add(name + ": response of " + st.id() + " has no hops");
          continue;
        }
        for (Object o : hops) {
          Map<?, ?> hop = (Map<?, ?>) o;
          String service = String.valueOf(hop.get("service"));
          String servedBy = String.valueOf(hop.get("servedBy"));
          String want = service.equals("pricing") ? name : "baseline";
          if (!servedBy.equals(want)) {
            out.add(name + ": response says " + service + " served by " + servedBy);
          }
        }
      }
    }
    return out;
  }

  private static void checkHop(
      String name, String key, String where, String service, String hopKey, String dest,
      List<String> out) {
    String want = service.equals("pricing") ? name : "baseline";
    if (!key.equals(hopKey) || !want.equals(dest)) {
      out.add(
          name + ": " + where + " hop " + service + " key=" + hopKey + " -> " + dest
              + " (expected key " + key + " -> " + want + ")");
    }
  }

  /** Router-wide: every hop served by a sandbox carried that sandbox's key, and vice versa. */
  static List<String> globalCrossTalk(Daemon daemon, long cursor, Map<String, String> keys) {
    List<String> out = new ArrayList<>();
    Map<String, String> sandboxOfKey = new java.util.HashMap<>();
    keys.forEach((sb, k) -> sandboxOfKey.put(k, sb));
    for (HopRecord h : daemon.runtime().hops().since(cursor)) {
      String fromKey = h.routingKey() == null ? null : sandboxOfKey.get(h.routingKey());
      if (!h.destination().equals("baseline") && !h.destination().equals(fromKey)) {
        out.add("router: hop " + h.service() + " key=" + h.routingKey() + " served by " + h.destination());
      }
      if (fromKey != null && h.service().equals("pricing") && !h.destination().equals(fromKey)) {
        out.add("router: pricing hop with key of " + fromKey + " served by " + h.destination());
      }
    }
    return out;
  }

  static long lastHop(Daemon daemon) {
    List<HopRecord> last = daemon.runtime().hops().recent(1);
    return last.isEmpty() ? 0 : last.get(0).seq();
  }

  // ---------------------------------------------------------------- helpers

  static SandboxSpec spec(String name, List<String> command) {
    return new SandboxSpec(
        name,
        Optional.empty(),
        Optional.of(Duration.ofMinutes(30)),
        Map.of("bench", "skills"),
        List.of(
            new Fork(
                "pricing", Optional.of(command), List.of(), Map.of(), List.of(), Optional.empty())));
  }

  static Path writeSkills(Path dir) throws Exception {
    Files.createDirectories(dir);
    String head =
        "version: 1\ndescription: benchmark skill\nwhenToUse: never; bench/skills.sh only\nsteps:\n";
    String product =
        "  - id: product\n    action: http\n    with:\n      service: frontend\n"
            + "      path: /products/1\n      expectStatus: 200\n";
    StringBuilder checks = new StringBuilder("name: bench-checks\n" + head + product);
    for (int i = 0; i < CHECKS; i++) {
      checks.append(
          "  - id: c"
              + i
              + "\n    action: check\n    with:\n      that: ${{ steps.product.outputs.body.price > 0 }}\n"
              + "      message: the price is positive\n");
    }
    StringBuilder http = new StringBuilder("name: bench-http\n" + head);
    for (int i = 0; i < HTTP_STEPS; i++) {
      http.append(
          "  - id: h"
              + i
              + "\n    action: http\n    with:\n      service: pricing\n      path: /prices/1\n"
              + "      expectStatus: 200\n");
    }
    Files.writeString(dir.resolve("bench-checks.yaml"), checks);
    Files.writeString(dir.resolve("bench-one.yaml"), "name: bench-one\n" + head + product);
    Files.writeString(dir.resolve("bench-http.yaml"), http);
    return dir;
  }

  static void row(String label, Series s) {
    System.out.printf("%-58s %10.3f %10.3f%n", label, s.p(50), s.p(99));
  }

  static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }

  static int env(String name, int fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
  }

  /** Samples with nearest-rank percentiles. */
  static final class Series {
    private double[] values = new double[64];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    double p(double percentile) {
      if (size == 0) {
        return Double.NaN;
      }
      double[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100 * size);
      return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    int size() {
      return size;
    }

    int countAbove(double limit) {
      int n = 0;
      for (int i = 0; i < size; i++) {
        n += values[i] > limit ? 1 : 0;
      }
      return n;
    }

    double max() {
      return p(100);
    }
  }
}
