package dev.prooflane.bench.skills;

import static dev.prooflane.bench.skills.SkillsBenchMain.CREATE_PARALLEL;
import static dev.prooflane.bench.skills.SkillsBenchMain.ROUNDS;
import static dev.prooflane.bench.skills.SkillsBenchMain.SANDBOXES;
import static dev.prooflane.bench.skills.SkillsBenchMain.secondsSince;

import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.bench.Series;
import dev.prooflane.model.Sandbox;
import dev.prooflane.server.Daemon;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Part 2 of the skills benchmark: creates N sandboxes forking pricing, runs product-contract
 * against all of them at once, and counts cross-talk (a hop or a response that belongs to another
 * sandbox).
 */
final class Isolation {
  private final Daemon daemon;
  private final SkillEngine engine;

  Isolation(Daemon daemon, SkillEngine engine) {
    this.daemon = daemon;
    this.engine = engine;
  }

  /** Measures with sandboxes whose pricing fork runs {@code forkCommand}; prints. */
  void measure(List<String> forkCommand) throws InterruptedException, ExecutionException {
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
            creators.submit(
                () ->
                    daemon
                        .runtime()
                        .createSandbox(BenchSkills.sandbox(name, forkCommand), l -> {})));
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
        List<String> crossTalk = round(names, keys, round, allVerdicts);
        totalCrossTalk += crossTalk.size();
        crossTalk.stream().limit(20).forEach(x -> System.out.println("    " + x));
      }
      System.out.printf(
          "all %d rounds: verdicts %s, cross-talk %d (expected: all PASS, 0)%n",
          ROUNDS, allVerdicts, totalCrossTalk);
    } finally {
      creators.shutdown();
      deleteAll(names, keys);
    }
  }

  private void deleteAll(List<String> names, Map<String, String> keys) {
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

  /**
   * One round: product-contract against every sandbox at once (one thread each, released together);
   * prints wall time, throughput, run durations and the time per step.
   */
  private List<String> round(
      List<String> names, Map<String, String> keys, int round, Map<Verdict, Integer> allVerdicts)
      throws InterruptedException, ExecutionException {
    long hopCursor = CrossTalk.lastHop(daemon);
    ExecutorService runners = Executors.newFixedThreadPool(names.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<TimedRun>> runs = new ArrayList<>();
    for (String name : names) {
      runs.add(
          runners.submit(
              () -> {
                go.await();
                return TimedRun.run(engine, "product-contract", name);
              }));
    }
    long w = System.nanoTime();
    go.countDown();
    List<TimedRun> results = new ArrayList<>();
    for (Future<TimedRun> f : runs) {
      results.add(f.get());
    }
    double wallSeconds = secondsSince(w);
    runners.shutdown();

    Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
    Series duration = new Series();
    List<String> crossTalk = new ArrayList<>();
    Map<String, Series> perStep = new LinkedHashMap<>();
    Series epilogue = new Series();
    Series prologue = new Series();
    Series control = new Series();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      TimedRun t = results.get(i);
      verdicts.merge(t.result.verdict(), 1, Integer::sum);
      allVerdicts.merge(t.result.verdict(), 1, Integer::sum);
      duration.add(t.wallMillis);
      if (t.result.verdict() != Verdict.PASS) {
        System.out.println("    " + name + ": " + t.result.verdict() + ": " + t.result.message());
      }
      crossTalk.addAll(CrossTalk.inRun(name, keys.get(name), t.result));
      for (int k = 0; k < t.steps.size(); k++) {
        perStep
            .computeIfAbsent(t.result.steps().get(k).id(), x -> new Series())
            .add(t.stepMillis(k));
      }
      epilogue.add(t.epilogueMillis());
      prologue.add(t.prologueMillis());
      control.add(t.controlMillis());
    }
    crossTalk.addAll(CrossTalk.inRouter(daemon, hopCursor, keys));
    if (round == 1 && names.size() > 1) {
      // The detector must be able to fail: judge the second run as if it were the first sandbox's.
      int found =
          CrossTalk.inRun(names.get(0), keys.get(names.get(0)), results.get(1).result).size();
      System.out.printf(
          "detector self-check: %s's run judged as %s's -> %d findings (expected: > 0)%n",
          names.get(1), names.get(0), found);
    }
    System.out.printf(
        "round %d%s: %d runs in %.2f s wall, %.1f runs/s; run p50 %.0f ms, p99 %.0f ms;"
            + " verdicts %s; cross-talk %d%n",
        round,
        round == 1 ? " (cold forks)" : "",
        results.size(),
        wallSeconds,
        results.size() / wallSeconds,
        duration.p(50),
        duration.p(99),
        verdicts,
        crossTalk.size());
    StringBuilder steps =
        new StringBuilder(
            String.format("    p50/p99 ms: prologue %.0f/%.0f |", prologue.p(50), prologue.p(99)));
    perStep.forEach(
        (id, ser) -> steps.append(String.format(" %s %.0f/%.0f", id, ser.p(50), ser.p(99))));
    steps.append(
        String.format(
            " | control request %.0f/%.0f, rest of epilogue %.0f/%.0f",
            control.p(50), control.p(99), epilogue.p(50), epilogue.p(99)));
    System.out.println(steps);
    return crossTalk;
  }
}
