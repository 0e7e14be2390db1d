package dev.prooflane.bench.propagation;

import dev.prooflane.bench.Series;
import dev.prooflane.local.agent.AgentAttachment;
import dev.prooflane.local.agent.AgentJars;
import dev.prooflane.model.Environment;
import dev.prooflane.model.ServiceSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the demo shop's catalog (its command in examples/shop/prooflane.yaml) again and again
 * until its {@code GET /health} answers 200, with {@code propagation} none, opentelemetry-agent and
 * detect in turn, each with the environment the local runtime gives it; prints the medians and the
 * ratios to none.
 *
 * <p>Args: the shop's environment file, the folder of the agent's jars, the rounds.
 */
public final class StartTimeMain {
  private static final List<String> MODES = List.of("none", "opentelemetry-agent", "detect");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private StartTimeMain() {}

  public static void main(String[] args) throws Exception {
    Path shopFile = Path.of(args[0]).toAbsolutePath();
    AgentJars jars = AgentJars.in(Path.of(args[1]));
    int rounds = Integer.parseInt(args[2]);
    Path work = Files.createTempDirectory("prooflane-propagation-bench");
    Map<String, Series> times = new LinkedHashMap<>();
    for (String mode : MODES) {
      times.put(mode, new Series());
    }
    start(shopFile, jars, "none", work); // unmeasured: the page cache holds the JDK and the jars
    for (int round = 0; round < rounds; round++) {
      for (String mode : MODES) {
        times.get(mode).add(start(shopFile, jars, mode, work));
      }
    }
    double none = times.get("none").p(50);
    System.out.printf("catalog start to healthy, median of %d starts each:%n", rounds);
    for (String mode : MODES) {
      Series s = times.get(mode);
      System.out.printf(
          "  %-20s p50 %6.0f ms  min %6.0f ms  max %6.0f ms  ratio to none %.2f%n",
          mode, s.p(50), s.p(0), s.max(), s.p(50) / none);
    }
  }

  /** Starts the catalog with {@code mode}; returns the milliseconds until its health answered. */
  private static double start(Path shopFile, AgentJars jars, String mode, Path work)
      throws Exception {
    String text = Files.readString(shopFile);
    if (!mode.equals("none")) {
      text = text.replace("  catalog:\n", "  catalog:\n    propagation: " + mode + "\n");
    }
    Environment env = EnvironmentReader.parse(shopFile, text);
    ServiceSpec catalog = env.service("catalog");
    int port = freePort();
    List<String> command = new ArrayList<>();
    for (String word : catalog.command()) {
      command.add(word.replace("${artifact}", catalog.artifact().orElseThrow()));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(catalog.workdir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("catalog-" + mode + ".log").toFile());
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("PRICING_URL", "http://127.0.0.1:9");
    builder
        .environment()
        .putAll(
            new AgentAttachment(jars, env.keyNames())
                .variables(catalog, "bench", work.resolve("drops.jsonl"), null));
    long t0 = System.nanoTime();
    Process process = builder.start();
    try {
      awaitHealthy(port, process);
      return (System.nanoTime() - t0) / 1e6;
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private static void awaitHealthy(int port, Process process) throws Exception {
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the catalog exited with " + process.exitValue());
      }
      try {
        if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (ConnectException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("the catalog did not answer /health within 120 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
