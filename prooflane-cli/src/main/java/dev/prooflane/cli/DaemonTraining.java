package dev.prooflane.cli;

import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The workload whose classes the build puts into the daemon's start-up archive ({@code
 * target/prooflane-daemon.jsa}, which the {@code prooflane} launcher maps for {@code up} and {@code
 * demo}): {@code up} in the foreground with one service ({@link TrainingService}), then, as from a
 * CLI, a sandbox forking it is created, read, routed to and deleted, and the daemon stops. The
 * classes of starting a daemon and of a sandbox's first creation then come parsed and verified from
 * the archive. It needs nothing running and prints nothing; the build runs it as {@code java
 * -XX:DumpLoadedClassList=... DaemonTraining} (see prooflane-cli/pom.xml).
 */
public final class DaemonTraining {
  private static final PrintWriter NONE = new PrintWriter(Writer.nullWriter());

  private DaemonTraining() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("prooflane-daemon-training");
    try {
      train(dir);
    } catch (Exception | Error e) {
      // The archive only makes up start faster, so a failed training does not fail the build: the
      // archive then holds the classes loaded so far. Exiting (not returning) because a daemon that
      // did not stop (not ready in time) would keep this JVM, and the build, running for ever; the
      // exit runs its shutdown hook, which stops what it started.
      System.err.println(
          "WARNING: prooflane-cli: the daemon's training run failed ("
              + e
              + "); prooflane-daemon.jsa holds only the classes loaded before that, so 'prooflane"
              + " up' works but starts slower. Training folder: "
              + dir);
      e.printStackTrace();
      System.exit(0);
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void train(Path dir) throws Exception {
    Path env = dir.resolve("prooflane.yaml");
    Files.writeString(
        env,
        String.join(
            "\n",
            "name: training",
            "services:",
            "  svc:",
            "    artifact: " + Path.of(System.getProperty("java.class.path")).toAbsolutePath(),
            "    command: java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp ${artifact} "
                + TrainingService.class.getName(),
            "    env: {PORT: \"${port}\"}",
            "    health: {path: /health, timeout: 60s}",
            ""));
    String state = dir.resolve("state").toString();
    CompletableFuture<Integer> up =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    NONE,
                    NONE,
                    "up",
                    "-f",
                    env.toString(),
                    "--state-dir",
                    state,
                    "--api-port",
                    "0"));
    DaemonClient client = awaitReady(Path.of(state), up);
    try {
      cli(
          state,
          "sandbox",
          "create",
          "pr-1",
          "--fork",
          "svc",
          "--env",
          "MODE=fork",
          "--ttl",
          "30m");
      String key = client.sandbox("pr-1").routingKey();
      int router = URI.create(client.status().services().get(0).routerUrl()).getPort();
      route(router, key);
      route(router, null);
      for (List<String> read :
          List.of(
              List.of("status"),
              List.of("sandbox", "list"),
              List.of("hops", "--key", key),
              List.of("logs", "svc", "--sandbox", "pr-1"))) {
        List<String> command = new ArrayList<>(read);
        command.add("--json");
        cli(state, command.toArray(String[]::new));
      }
      cli(state, "sandbox", "delete", "pr-1");
    } finally {
      client.shutdown();
      up.get(120, TimeUnit.SECONDS);
    }
  }

  /** Runs a command of the CLI in this process against the daemon of {@code state}. */
  private static void cli(String state, String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--state-dir", state));
    Main.run(NONE, NONE, command.toArray(String[]::new));
  }

  /** Waits until the daemon that {@code up} starts for {@code state} answers. */
  private static DaemonClient awaitReady(Path state, CompletableFuture<Integer> up)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (up.isDone()) {
        throw new IllegalStateException("up ended with exit code " + up.get());
      }
      var info = DaemonInfo.read(state);
      if (info.isPresent()) {
        DaemonClient client =
            new DaemonClient(info.get().apiUrl(), AdminTokenFile.read(state).orElseThrow());
        client.status();
        return client;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("the daemon for " + state + " is not ready after 120 s");
  }

  /** A request through the router, with the routing key {@code key} when not null. */
  private static void route(int port, String key) throws IOException {
    HttpURLConnection request =
        (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
    // a router that does not answer fails the training (and the build) instead of hanging it
    request.setConnectTimeout(10_000);
    request.setReadTimeout(60_000);
    if (key != null) {
      request.setRequestProperty("baggage", "prooflane-key=" + key);
    }
    try (InputStream body = request.getInputStream()) {
      body.readAllBytes();
    }
  }
}
