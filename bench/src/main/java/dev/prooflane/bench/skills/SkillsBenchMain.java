package dev.prooflane.bench.skills;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.EngineOptions;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.actions.policy.Redactor;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.bench.Sizes;
import dev.prooflane.local.LocalRuntimeAccess;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import java.nio.file.Path;
import java.util.List;

/**
 * The skills benchmark for bench/skills.sh. Starts the demo shop in-process, then:
 *
 * <ol>
 *   <li>engine overhead ({@link EngineOverhead}): runs skills with many steps against one sandbox
 *       forking pricing and subtracts the network time of their HTTP exchanges; compares with the
 *       same requests sent by a plain java.net.http loop;
 *   <li>isolation ({@link Isolation}): creates N sandboxes forking pricing, runs product-contract
 *       against all of them at once, and counts cross-talk (a hop or a response that belongs to
 *       another sandbox).
 * </ol>
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.skills.SkillsBenchMain ROOT WORKDIR FORK_MARKER.
 * Sizes come from the environment (see bench/skills.sh).
 */
public final class SkillsBenchMain {
  static final int CHECKS = Sizes.fromEnv("CHECKS", 50);
  static final int HTTP_STEPS = Sizes.fromEnv("HTTP_STEPS", 20);
  static final int WARMUP_RUNS = Sizes.fromEnv("WARMUP_RUNS", 30);
  static final int RUNS = Sizes.fromEnv("RUNS", 200);
  static final int SANDBOXES = Sizes.fromEnv("SANDBOXES", 50);
  static final int CREATE_PARALLEL = Sizes.fromEnv("CREATE_PARALLEL", 3);
  static final int ROUNDS = Sizes.fromEnv("ROUNDS", 3);

  private SkillsBenchMain() {}

  /** Runs both parts; see the class comment for the arguments. */
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
    Path skillsDir = BenchSkills.write(work.resolve("skills"), CHECKS, HTTP_STEPS);
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
            actions,
            skills,
            new LocalRuntimeAccess(daemon.runtime(), Redactor.DEFAULT::text),
            EngineOptions.DEFAULT)) {
      new EngineOverhead(daemon, engine).measure(forkCommand);
      new Isolation(daemon, engine).measure(forkCommand);
    } finally {
      long c = System.nanoTime();
      daemon.close();
      System.out.printf(
          "%ndaemon closed in %.1f s; child processes left: %d%n",
          secondsSince(c), ProcessHandle.current().descendants().count());
    }
  }

  static double secondsSince(long nanos) {
    return (System.nanoTime() - nanos) / 1e9;
  }
}
