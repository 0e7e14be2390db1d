package dev.prooflane.bench.overhead;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.bench.Series;
import dev.prooflane.bench.Sizes;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.SandboxView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Measures a sandbox's own overhead: a daemon runs in-process with one service, {@link
 * ReadyEchoMain}; sandboxes forking it are created one after another over the REST API (with the
 * progress stream the CLI reads) and deleted again, after one read (as a CLI finds the daemon).
 * Each creation's instants ({@link CreateTimeline}) come from the progress lines as they arrive and
 * from the fork's own output, on one wall clock; nothing is added to the daemon. Prints p50/p95 per
 * phase, the goal line (own overhead p50 against 100 ms), and what the writes and the route swap
 * cost on their own.
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.overhead.SandboxOverheadMain CLASSES WORK_DIR
 * (CLASSES: the folder holding this class, for the forks). Sizes from the environment: {@code
 * SANDBOXES} (20 measured creations), {@code WARMUP} (3 unmeasured ones first).
 */
public final class SandboxOverheadMain {
  private static final int SANDBOXES = Sizes.fromEnv("SANDBOXES", 20);
  private static final int WARMUP = Sizes.fromEnv("WARMUP", 3);
  private static final double GOAL_MS = 100;
  private static final String SERVICE = "echo";

  private SandboxOverheadMain() {}

  /** Runs the measurements; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path classes = Path.of(args[0]).toAbsolutePath();
    Path work = Path.of(args[1]).toAbsolutePath();
    Path stateDir = work.resolve("state");
    Path envFile = writeEnvironment(work, classes);
    Daemon daemon =
        Daemon.start(EnvironmentReader.read(envFile), stateDir, "127.0.0.1", 0, line -> {});
    List<CreateTimeline> timelines = new ArrayList<>();
    CreateTimeline first = null;
    try {
      DaemonClient client =
          new DaemonClient(daemon.info().apiUrl(), AdminTokenFile.read(stateDir).orElseThrow());
      int routerPort = daemon.runtime().routerPorts().get(SERVICE);
      // as a CLI finds it: the daemon has answered a read (the progress of up, a list) before
      client.sandboxes();
      for (int i = 0; i < WARMUP + SANDBOXES; i++) {
        String name = (i < WARMUP ? "warm-" : "ovh-") + i;
        CreateTimeline timeline = create(client, name, stateDir, routerPort);
        if (i == 0) {
          first = timeline;
        } else if (i >= WARMUP) {
          timelines.add(timeline);
        }
        client.deleteSandbox(name);
      }
    } finally {
      daemon.close();
    }
    print(first, timelines);
    System.out.println("what each costs alone (same disk, 50 after 50 unmeasured):");
    AloneCosts.print(work.resolve("alone"), 50);
  }

  /** One service, {@link ReadyEchoMain} behind bash, which stamps the instant it starts. */
  private static Path writeEnvironment(Path work, Path classes) throws IOException {
    List<String> command =
        List.of(
            "bash",
            "-c",
            "echo \"spawned $EPOCHREALTIME\"; exec \"$@\"",
            "spawn-stamp",
            "java",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xmx32m",
            "-Xss512k",
            "-cp",
            classes.toString(),
            ReadyEchoMain.class.getName());
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("command", command);
    service.put("env", Map.of("PORT", "${port}"));
    service.put("health", Map.of("path", "/health", "timeout", "30s"));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("name", "overhead");
    env.put("services", Map.of(SERVICE, service));
    Files.createDirectories(work);
    Path file = work.resolve("prooflane.yaml");
    // JSON is YAML
    Files.writeString(file, new ObjectMapper().writeValueAsString(env));
    return file;
  }

  private static CreateTimeline create(
      DaemonClient client, String name, Path stateDir, int routerPort) throws Exception {
    long[] marks = new long[3];
    long request = micros();
    SandboxView view =
        client.createSandbox(
            new SandboxRequest(
                name,
                null,
                null,
                null,
                List.of(new ForkRequest(SERVICE, null, null, null, null, null))),
            line -> {
              long now = micros();
              if (line.startsWith("sandbox " + name + ": routing key")) {
                marks[0] = now;
              } else if (line.contains(name + "/" + SERVICE + ": healthy after")) {
                marks[1] = now;
              } else if (line.startsWith("sandbox " + name + ": READY")) {
                marks[2] = now;
              }
            });
    long answered = micros();
    for (long mark : marks) {
      if (mark == 0) {
        throw new IllegalStateException(name + ": a progress line is missing " + List.of(marks));
      }
    }
    requireRoutable(routerPort, view.routingKey(), name);
    Path log = stateDir.resolve("logs").resolve(name).resolve(SERVICE + ".log");
    return new CreateTimeline(
        request,
        marks[0],
        stamp(log, "spawned "),
        stamp(log, "ready "),
        marks[1],
        marks[2],
        answered);
  }

  /** A keyed request through the router reaches the fork (checked after the timing). */
  private static void requireRoutable(int routerPort, String key, String name) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + routerPort + "/"))
                    .header("x-prooflane-key", key)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200 || !answer.body().contains("served by " + name)) {
      throw new IllegalStateException(
          name + ": keyed request got " + answer.statusCode() + " " + answer.body());
    }
  }

  /** The epoch µs on the fork's output line starting with {@code prefix} (waits for it). */
  private static long stamp(Path log, String prefix) throws Exception {
    String marker = " stdout " + prefix;
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          int at = line.indexOf(marker);
          if (at >= 0) {
            String value = line.substring(at + marker.length()).trim();
            // bash's $EPOCHREALTIME is seconds.micros; the fork's own stamp is micros
            return value.contains(".")
                ? Long.parseLong(value.replace(".", ""))
                : Long.parseLong(value);
          }
        }
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException(log + ": no line '" + prefix.trim() + "'");
  }

  private static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static void print(CreateTimeline first, List<CreateTimeline> timelines) {
    System.out.printf(
        "%d sandboxes created one after another, each forking %s (the first creation in the fresh"
            + " daemon, unmeasured warm-up, in the last column):%n",
        timelines.size(), SERVICE);
    row("create request -> routable (answer)", first, timelines, CreateTimeline::total);
    row("fork's own start-up (spawn -> ready)", first, timelines, CreateTimeline::forkStartup);
    System.out.println("Prooflane's own time = total - fork's start-up:");
    Series overhead = row("  own overhead", first, timelines, CreateTimeline::overhead);
    row("    HTTP, policy, key (-> forking)", first, timelines, CreateTimeline::admission);
    row("    spawn (record, port, exec)", first, timelines, CreateTimeline::spawn);
    row("    health-poll lag (ready -> noticed)", first, timelines, CreateTimeline::healthLag);
    row("    route swap + READY record", first, timelines, CreateTimeline::swapAndRecord);
    row("    audit record + HTTP answer", first, timelines, CreateTimeline::auditAndAnswer);
    double p50 = overhead.p(50);
    System.out.printf(
        "goal: own overhead p50 %.1f ms %s %.0f ms: %s%n",
        p50, p50 <= GOAL_MS ? "<=" : ">", GOAL_MS, p50 <= GOAL_MS ? "MET" : "NOT MET");
  }

  private static Series row(
      String what,
      CreateTimeline first,
      List<CreateTimeline> timelines,
      ToDoubleFunction<CreateTimeline> phase) {
    Series s = new Series();
    timelines.forEach(t -> s.add(phase.applyAsDouble(t)));
    System.out.printf(
        "  %-38s p50 %7.1f ms  p95 %7.1f ms  first %7.1f ms%n",
        what, s.p(50), s.p(95), phase.applyAsDouble(first));
    return s;
  }
}
