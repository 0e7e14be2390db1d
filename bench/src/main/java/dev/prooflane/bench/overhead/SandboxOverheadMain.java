package dev.prooflane.bench.overhead;

import dev.prooflane.bench.Series;
import dev.prooflane.bench.Sizes;
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
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Measures a sandbox's own overhead: a daemon runs as {@code prooflane up} runs it ({@link
 * DaemonProcess}: its own JVM from the CLI's jar) with one service, {@link ReadyEchoMain};
 * sandboxes forking it are created one after another over the REST API (with the progress stream
 * the CLI reads) and deleted again, after one read (as a CLI finds the daemon). Each creation's
 * instants ({@link CreateTimeline}) come from the progress lines as they arrive and from the fork's
 * own output, on one wall clock; nothing is added to the daemon. Prints p50/p95 per phase, the goal
 * line (own overhead p50 against 100 ms), and what the writes and the route swap cost on their own.
 *
 * <p>Before that, the first creation in a fresh daemon, in {@code FRESH} fresh daemons for each
 * start-up archive: the daemon with the JDK's own archive only, and with the CLI's archive for
 * {@code up} (when the build made one), alternately; with the time from the process start to its
 * ready line.
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.overhead.SandboxOverheadMain CLASSES WORK_DIR
 * CLI_JAR ARCHIVE (CLASSES: the folder holding this class, for the forks; CLI_JAR:
 * prooflane-cli.jar; ARCHIVE: the archive the launcher maps for {@code up}). Sizes from the
 * environment: {@code SANDBOXES} (20 measured creations), {@code WARMUP} (3 unmeasured ones first;
 * 0 measures the first one too), {@code FRESH} (4 fresh daemons per archive).
 */
public final class SandboxOverheadMain {
  private static final int SANDBOXES = Sizes.fromEnv("SANDBOXES", 20);
  private static final int WARMUP = Sizes.fromEnvOrZero("WARMUP", 3);
  private static final int FRESH = Sizes.fromEnv("FRESH", 4);
  private static final double GOAL_MS = 100;
  private static final String SERVICE = "echo";

  private SandboxOverheadMain() {}

  /** Runs the measurements; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    DaemonBenchArgs arguments = DaemonBenchArgs.of(args);
    Path work = arguments.work();
    Path cliJar = arguments.cliJar();
    Optional<Path> archive = arguments.archive();
    Path envFile = writeEnvironment(work, arguments.classes());
    Map<String, Optional<Path>> archives = new LinkedHashMap<>();
    archives.put("the JDK's archive only", Optional.empty());
    archive.ifPresent(a -> archives.put(a.getFileName().toString(), Optional.of(a)));
    Map<String, List<Fresh>> fresh = new LinkedHashMap<>();
    archives.keySet().forEach(name -> fresh.put(name, new ArrayList<>()));
    for (int i = 0; i < FRESH; i++) {
      int mode = 0;
      for (Map.Entry<String, Optional<Path>> a : archives.entrySet()) {
        Path stateDir = work.resolve("fresh-" + i + "-" + mode++);
        try (DaemonProcess daemon = DaemonProcess.start(cliJar, a.getValue(), envFile, stateDir)) {
          fresh.get(a.getKey()).add(new Fresh(daemon.upToReadyMs(), first(daemon, "first")));
        }
      }
    }
    printFresh(fresh);

    List<CreateTimeline> timelines = new ArrayList<>();
    CreateTimeline first = null;
    try (DaemonProcess daemon =
        DaemonProcess.start(cliJar, archive, envFile, work.resolve("state"))) {
      DaemonClient client = daemon.client();
      int routerPort = daemon.routerPort(SERVICE);
      // as a CLI finds it: the daemon has answered a read (the progress of up, a list) before
      client.sandboxes();
      for (int i = 0; i < WARMUP + SANDBOXES; i++) {
        String name = (i < WARMUP ? "warm-" : "ovh-") + i;
        CreateTimeline timeline = create(client, name, daemon.stateDir(), routerPort);
        if (i == 0) {
          first = timeline;
        }
        if (i >= WARMUP) {
          timelines.add(timeline);
        }
        client.deleteSandbox(name);
      }
    }
    print(
        first,
        timelines,
        archive.map(a -> a.getFileName().toString()).orElse("the JDK's archive only"));
    System.out.println("what each costs alone (same disk, 50 after 50 unmeasured):");
    AloneCosts.print(work.resolve("alone"), 50);
  }

  /** A fresh daemon: how long it took to get ready, and its first creation. */
  private record Fresh(double upToReadyMs, CreateTimeline first) {}

  /** The first creation in {@code daemon}, after one read as a CLI makes. */
  private static CreateTimeline first(DaemonProcess daemon, String name) throws Exception {
    int routerPort = daemon.routerPort(SERVICE);
    daemon.client().sandboxes();
    CreateTimeline timeline = create(daemon.client(), name, daemon.stateDir(), routerPort);
    daemon.client().deleteSandbox(name);
    return timeline;
  }

  /** One service, {@link ReadyEchoMain} behind bash, which stamps the instant it starts. */
  private static Path writeEnvironment(Path work, Path classes) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of("bash", "-c", "echo \"spawned $EPOCHREALTIME\"; exec \"$@\"", "spawn-stamp"));
    command.addAll(EchoEnvironment.command(classes));
    return EchoEnvironment.write(work, "overhead", SERVICE, command, Map.of());
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

  static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static void printFresh(Map<String, List<Fresh>> fresh) {
    System.out.printf(
        "the first creation in a fresh daemon, %d fresh daemons per archive, alternately (p50,"
            + " max):%n",
        FRESH);
    for (Map.Entry<String, List<Fresh>> f : fresh.entrySet()) {
      System.out.println("  daemon with " + f.getKey() + ":");
      List<Fresh> runs = f.getValue();
      freshRow("up -> ready (process start -> ready line)", runs, Fresh::upToReadyMs);
      freshRow("create request -> routable (answer)", runs, r -> r.first().total());
      freshRow("fork's own start-up (spawn -> ready)", runs, r -> r.first().forkStartup());
      freshRow("own overhead", runs, r -> r.first().overhead());
      freshRow("  HTTP, policy, key (-> forking)", runs, r -> r.first().admission());
      freshRow("  spawn (record, port, exec)", runs, r -> r.first().spawn());
      freshRow("  health-poll lag (ready -> noticed)", runs, r -> r.first().healthLag());
      freshRow("  route swap + READY record", runs, r -> r.first().swapAndRecord());
      freshRow("  audit record + HTTP answer", runs, r -> r.first().auditAndAnswer());
    }
  }

  private static void freshRow(String what, List<Fresh> runs, ToDoubleFunction<Fresh> figure) {
    Series s = new Series();
    runs.forEach(r -> s.add(figure.applyAsDouble(r)));
    System.out.printf("    %-44s p50 %7.1f ms  max %7.1f ms%n", what, s.p(50), s.max());
  }

  private static void print(CreateTimeline first, List<CreateTimeline> timelines, String archive) {
    System.out.printf(
        "%d sandboxes created one after another in one daemon (with %s), each forking %s"
            + " (the first creation in that daemon in the last column%s):%n",
        timelines.size(), archive, SERVICE, WARMUP > 0 ? ", unmeasured warm-up" : "");
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
