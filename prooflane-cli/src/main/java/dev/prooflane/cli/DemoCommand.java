package dev.prooflane.cli;

import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxRequest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The guided demo: the shop baseline, a sandbox forking pricing, another forking the gRPC
 * warehouse, keyed vs unkeyed per hop, isolation.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the demo shop end to end, with its own daemon, and check that routing behaves.",
      "Starts the shop's baseline (a Kafka broker, a PostgreSQL server, seven HTTP services and a"
          + " gRPC one), forks the pricing service in a sandbox with a change and the gRPC"
          + " warehouse in another, sends the same requests with and without each key and shows"
          + " who served each hop, shows three sandboxes isolated from each other, forks the Kafka"
          + " consumer (notifier) and shows which instance consumed an order published with and"
          + " without the key, forks the reviews service with a schema change on its own migrated"
          + " branch of the database, validates both pricing changes with a skill (signed"
          + " reports), and cleans up.",
      "Exit code: 0 routing behaved as expected, 1 it did not."
    })
final class DemoCommand implements Callable<Integer> {
  static final String SHOP_PACKAGE = "dev.prooflane.examples.shop.";

  @Spec CommandSpec spec;
  @Mixin JsonMixin output;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The shop's environment file (default: examples/shop/prooflane.yaml).")
  Path file;

  @Option(
      names = "--requests",
      defaultValue = "600",
      description = "Requests in the isolation check (default: ${DEFAULT-VALUE}).")
  int requests;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter out = output.json ? spec.commandLine().getErr() : stdout;
    Path envFile = file != null ? file : defaultEnvFile();
    Environment env = EnvironmentReader.read(envFile);
    Path stateDir = demoStateDir();
    long t0 = System.nanoTime();
    out.println("== 1. Start the baseline: " + String.join(", ", env.services().keySet()));
    Map<String, Object> result = new LinkedHashMap<>();
    try (Daemon daemon =
        Daemon.start(env, stateDir, "127.0.0.1", 0, line -> out.println("   " + line))) {
      out.printf(
          "   baseline ready in %d ms; API %s%n",
          (System.nanoTime() - t0) / 1_000_000, daemon.info().apiUrl());
      DemoScript script =
          new DemoScript(
              env,
              new DaemonClient(
                  daemon.info().apiUrl(),
                  dev.prooflane.server.auth.AdminTokenFile.read(stateDir).orElse(null)),
              daemon,
              out,
              requests);
      result = script.run();
    }
    result.put("totalMillis", (System.nanoTime() - t0) / 1_000_000);
    boolean ok = Boolean.TRUE.equals(result.remove("ok"));
    if (output.json) {
      stdout.println(Json.pretty(result));
    } else {
      out.printf(
          "== Done in %.1f s: %s%n",
          (System.nanoTime() - t0) / 1e9,
          ok ? "routing behaved as expected" : "ROUTING PROBLEMS, see above");
    }
    return ok ? ExitCode.OK : ExitCode.FAILED;
  }

  private static Path defaultEnvFile() {
    String root = System.getenv("PROOFLANE_ROOT");
    Path base = root == null || root.isBlank() ? Path.of("") : Path.of(root);
    return base.resolve("examples/shop/prooflane.yaml");
  }

  /**
   * A fresh {@code .prooflane/demo/} (under PROOFLANE_ROOT when set); the reports stay there after
   * the demo.
   */
  private static Path demoStateDir() throws java.io.IOException {
    String root = System.getenv("PROOFLANE_ROOT");
    Path dir =
        (root == null || root.isBlank() ? Path.of(".prooflane") : Path.of(root, ".prooflane"))
            .resolve("demo")
            .toAbsolutePath();
    // a demo that was killed may have left processes: stop them before forgetting them
    LocalRuntime.reapLeftovers(LocalOptions.of(dir));
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /**
   * Builds a fork command: the baseline command of {@code service} with another main class of the
   * shop, such as {@code pricing.PricingDiscountMain}.
   */
  static List<String> variant(Environment env, String service, String mainClass) {
    List<String> command = new ArrayList<>(env.service(service).command());
    command.set(command.size() - 1, SHOP_PACKAGE + mainClass);
    return command;
  }

  static SandboxRequest sandboxRequest(String name, String service, List<String> command) {
    return new SandboxRequest(
        name,
        null,
        "10m",
        Map.of("demo", "true"),
        List.of(new ForkRequest(service, command, null, null, null, null)));
  }
}
