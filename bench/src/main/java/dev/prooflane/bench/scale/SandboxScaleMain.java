package dev.prooflane.bench.scale;

import dev.prooflane.bench.Series;
import dev.prooflane.bench.Sizes;
import dev.prooflane.bench.overhead.DaemonBenchArgs;
import dev.prooflane.bench.overhead.DaemonProcess;
import dev.prooflane.bench.overhead.EchoEnvironment;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.SandboxRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures how the cost of creating a sandbox grows with the sandboxes there are: a daemon runs as
 * {@code prooflane up} runs it ({@link DaemonProcess}) with one service whose forks are a few lines
 * of Perl answering 200 (as the dashboard's many-sandboxes test creates them), and {@code
 * SANDBOXES} sandboxes are created over the REST API, {@code PARALLEL} requests at a time. Prints,
 * for each {@code STEP} creations, the creations per second and the latency of one creation
 * (p50/p95/max), the fork's own start within it (spawn to healthy, p50) and the daemon's CPU time
 * per creation (all its threads, from /proc), so that a cost growing with the sandboxes shows as a
 * falling rate, and whether it is the daemon's. {@code THREADS=N} adds the N threads of the daemon
 * that used the most CPU per creation (user + system ms).
 *
 * <p>Usage: as {@link DaemonBenchArgs}; {@code DAEMON_JAVA_OPTIONS} (space-separated) go to the
 * daemon's JVM, such as {@code -XX:StartFlightRecording=filename=create.jfr}.
 */
public final class SandboxScaleMain {
  private static final int SANDBOXES = Sizes.fromEnv("SANDBOXES", 400);
  private static final int PARALLEL = Sizes.fromEnv("PARALLEL", 8);
  private static final int STEP = Sizes.fromEnv("STEP", 50);
  private static final int THREADS = Sizes.fromEnvOrZero("THREADS", 0);
  private static final String SERVICE = "pricing";

  /** The progress line of a fork that passed its health check: from its spawn to then. */
  private static final Pattern HEALTHY = Pattern.compile("healthy after ([0-9.]+) (ms|s)\\b");

  /** A fork as cheap as a fork gets; the same lines as the dashboard's many-sandboxes test. */
  private static final List<String> PERL =
      List.of(
          "perl",
          "-MIO::Socket::INET",
          "-e",
          "my $s = IO::Socket::INET->new(LocalAddr => \"127.0.0.1\", LocalPort => $ENV{PORT},"
              + " Listen => 16, ReuseAddr => 1) or die \"cannot listen on $ENV{PORT}: $!\";"
              + " while (my $c = $s->accept) { while (my $l = <$c>) { last if $l =~ /^\\r?\\n$/ }"
              + " print $c \"HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n"
              + "\\r\\nok\"; close $c }");

  private SandboxScaleMain() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    DaemonBenchArgs arguments = DaemonBenchArgs.of(args);
    Path work = arguments.work();
    Path envFile = EchoEnvironment.write(work, "scale", SERVICE, PERL, Map.of());
    Path policy = work.resolve("policy.yaml");
    int room = SANDBOXES + 10;
    Files.writeString(policy, "sandboxes:\n  perOwner: " + room + "\n  total: " + room + "\n");
    String jvm = System.getenv().getOrDefault("DAEMON_JAVA_OPTIONS", "").trim();
    List<String> jvmOptions = jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+"));
    System.out.printf(
        Locale.ROOT,
        "%d sandboxes, %d creations at a time, each forking one Perl process%n",
        SANDBOXES,
        PARALLEL);
    try (DaemonProcess daemon =
        DaemonProcess.start(
            arguments.cliJar(),
            arguments.archive(),
            envFile,
            work.resolve("state"),
            jvmOptions,
            List.of("--policy", policy.toString()))) {
      createAll(daemon.client(), daemon.pid());
    }
  }

  private static void createAll(DaemonClient client, long pid) throws Exception {
    double[] latencies = new double[SANDBOXES];
    double[] forkStarts = new double[SANDBOXES];
    long[] finished = new long[SANDBOXES];
    long[] cpu = new long[SANDBOXES];
    ThreadCpu[] threads = new ThreadCpu[(SANDBOXES + STEP - 1) / STEP + 1];
    threads[0] = ThreadCpu.of(pid);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long start = System.nanoTime();
    long cpuFrom = cpuTicks(pid);
    ExecutorService workers = Executors.newFixedThreadPool(PARALLEL);
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < PARALLEL; w++) {
      running.add(
          workers.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < SANDBOXES; i = next.getAndIncrement()) {
                  long began = System.nanoTime();
                  double[] healthy = {Double.NaN};
                  try {
                    create(client, i, healthy);
                  } catch (RuntimeException e) {
                    System.out.println("creation " + i + " failed: " + e.getMessage());
                    throw e;
                  }
                  long now = System.nanoTime();
                  int at = done.getAndIncrement();
                  latencies[at] = (now - began) / 1e6;
                  forkStarts[at] = healthy[0];
                  finished[at] = now;
                  cpu[at] = cpuTicks(pid);
                  if ((at + 1) % STEP == 0 || at + 1 == SANDBOXES) {
                    threads[(at + STEP) / STEP] = ThreadCpu.of(pid);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    workers.shutdown();
    System.out.println(
        "sandboxes   creates/s   p50 ms   p95 ms   max ms   fork start p50 ms   daemon CPU"
            + " ms/create");
    long from = start;
    for (int lo = 0; lo < SANDBOXES; lo += STEP) {
      int hi = Math.min(SANDBOXES, lo + STEP);
      Series s = new Series();
      Series forks = new Series();
      for (int i = lo; i < hi; i++) {
        s.add(latencies[i]);
        forks.add(forkStarts[i]);
      }
      double seconds = (finished[hi - 1] - from) / 1e9;
      from = finished[hi - 1];
      // a tick is 10 ms (USER_HZ 100)
      double cpuMs = (cpu[hi - 1] - cpuFrom) * 10.0 / (hi - lo);
      cpuFrom = cpu[hi - 1];
      System.out.printf(
          Locale.ROOT,
          "%4d-%-4d   %9.1f   %6.0f   %6.0f   %6.0f   %17.0f   %6.1f%n",
          lo + 1,
          hi,
          (hi - lo) / seconds,
          s.p(50),
          s.p(95),
          s.max(),
          forks.p(50),
          cpuMs);
      if (THREADS > 0) {
        System.out.print(
            threads[hi / STEP + (hi % STEP == 0 ? 0 : 1)].since(
                threads[lo / STEP], hi - lo, THREADS));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "all %d in %.1f s; load average %s%n",
        SANDBOXES,
        (finished[SANDBOXES - 1] - start) / 1e9,
        Files.readString(Path.of("/proc/loadavg")).trim());
  }

  /** Creates sandbox {@code i}; {@code healthy[0]} gets its fork's time from spawn to healthy. */
  private static void create(DaemonClient client, int i, double[] healthy) {
    client.createSandbox(
        new SandboxRequest(
            String.format(Locale.ROOT, "bulk-%04d", i),
            null,
            "2h",
            null,
            List.of(new ForkRequest(SERVICE, PERL, null, null, null, null))),
        line -> {
          Matcher m = HEALTHY.matcher(line);
          if (m.find()) {
            double v = Double.parseDouble(m.group(1));
            healthy[0] = m.group(2).equals("s") ? v * 1000 : v;
          }
        });
  }

  /** The user and system CPU time of process {@code pid} so far, in clock ticks. */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      // the fields after the command's closing parenthesis; utime and stime are the 12th and 13th
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
