package dev.prooflane.bench.kafka;

import dev.prooflane.bench.Series;
import dev.prooflane.bench.Sizes;
import dev.prooflane.bench.overhead.DaemonBenchArgs;
import dev.prooflane.bench.overhead.DaemonProcess;
import dev.prooflane.bench.overhead.EchoEnvironment;
import dev.prooflane.bench.overhead.ReadyEchoMain;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.TokenRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka benchmark: a daemon runs as {@code prooflane up} runs it ({@link DaemonProcess}) with a
 * {@code kafka:} section (so it starts the real broker) and one service, {@code notifier} ({@link
 * ReadyEchoMain}: the sandboxes fork it; the consumers measured here run in this JVM and say they
 * are its instances, with a token of the services' scopes created over the API).
 *
 * <ol>
 *   <li>Throughput: {@code RECORDS} small records (every third keyed for a sandbox forking {@code
 *       notifier}) in a topic of 3 partitions, read whole by a plain consumer (the peer), by the
 *       baseline instance with the interceptor and by the fork's instance with the interceptor,
 *       {@code ROUNDS} rounds after {@code WARMUP} unmeasured ones ({@link Throughput}).
 *   <li>Route changes: {@code CHANGES} sandboxes created and deleted one after another ({@code
 *       CHANGE_WARMUP} unmeasured first), each time from the call to the baseline consumer's first
 *       poll that skipped, then delivered again, the key ({@link RouteChanges}).
 * </ol>
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.kafka.KafkaBenchMain CLASSES WORK_DIR CLI_JAR
 * ARCHIVE (CLASSES: the folder holding this class, for the service; CLI_JAR: prooflane-cli.jar,
 * with the broker's jars in kafka/ beside it; ARCHIVE: the archive the launcher maps for {@code
 * up}).
 */
public final class KafkaBenchMain {
  private static final int RECORDS = Sizes.fromEnv("RECORDS", 500_000);
  private static final int ROUNDS = Sizes.fromEnv("ROUNDS", 7);
  private static final int WARMUP = Sizes.fromEnvOrZero("WARMUP", 1);
  private static final int CHANGES = Sizes.fromEnv("CHANGES", 30);
  private static final int CHANGE_WARMUP = Sizes.fromEnvOrZero("CHANGE_WARMUP", 2);
  private static final String SERVICE = "notifier";
  private static final String TOPIC = "bench-throughput";
  private static final String ROUTES_TOPIC = "bench-routes";
  private static final String FORK = "bench-fork";
  private static final String FORK_KEY = "bench-fork-key";

  private KafkaBenchMain() {}

  /** Runs both measurements; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    DaemonBenchArgs arguments = DaemonBenchArgs.of(args);
    int brokerPort = freePort();
    Path envFile =
        EchoEnvironment.write(
            arguments.work(),
            "kafka-bench",
            SERVICE,
            EchoEnvironment.command(arguments.classes()),
            Map.of("kafka", Map.of("port", brokerPort, "partitions", 3, "topics", List.of(TOPIC))));
    try (DaemonProcess daemon =
        DaemonProcess.start(
            arguments.cliJar(), arguments.archive(), envFile, arguments.work().resolve("state"))) {
      System.out.printf(
          "daemon with the broker ready after %.1f s (prooflane up, broker included)%n",
          daemon.upToReadyMs() / 1000);
      DaemonClient client = daemon.client();
      String token =
          client
              .createToken(
                  new TokenRequest("kafka-bench", List.of("sandbox:read", "hops:write"), null))
              .path("token")
              .asText();
      Clients clients = new Clients("127.0.0.1:" + brokerPort, client.base(), token, SERVICE);
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic(ROUTES_TOPIC, 1, (short) 1))).all().get();
        ProcessHandle daemonProcess =
            ProcessHandle.of(DaemonInfo.read(daemon.stateDir()).orElseThrow().pid())
                .orElseThrow(() -> new IllegalStateException("the daemon's process is gone"));
        throughput(client, daemonProcess, clients, admin);
      }
      System.out.println();
      routeChanges(client, clients);
    }
  }

  private static void throughput(
      DaemonClient client, ProcessHandle daemon, Clients clients, Admin admin) throws Exception {
    client.createSandbox(
        new SandboxRequest(
            FORK,
            FORK_KEY,
            null,
            null,
            List.of(new ForkRequest(SERVICE, null, null, null, null, null))));
    long start = System.nanoTime();
    TopicFill.fill(clients, TOPIC, RECORDS, FORK_KEY);
    Map<TopicPartition, Long> end = endOffsets(admin, TOPIC);
    System.out.printf(
        "%,d records of %d bytes published in %.1f s to %s (%d partitions)%n",
        RECORDS, TopicFill.VALUE_BYTES, (System.nanoTime() - start) / 1e9, TOPIC, end.size());
    long keyed = (RECORDS + 2) / 3;
    List<Throughput.Variant> variants =
        List.of(
            new Throughput.Variant("plain KafkaConsumer (peer)", null, RECORDS),
            new Throughput.Variant("interceptor, baseline", "baseline", RECORDS - keyed),
            new Throughput.Variant("interceptor, fork", FORK, keyed));
    Map<Throughput.Variant, Throughput.Figures> figures =
        Throughput.measure(client, daemon, clients, TOPIC, end, variants, WARMUP, ROUNDS);
    client.deleteSandbox(FORK);

    System.out.printf(
        "consumer throughput: each reads the whole topic from the beginning in its own group;"
            + " %d rounds after %d unmeasured, order rotating; %,d keyed for sandbox %s (forks"
            + " %s), %,d unkeyed%n",
        ROUNDS, WARMUP, keyed, FORK, SERVICE, RECORDS - keyed);
    System.out.printf(
        "%-27s %13s %9s %9s %12s %11s %11s %13s %10s%n",
        "consumer",
        "records/s p50",
        "min",
        "max",
        "given to app",
        "poll us/rec",
        "JVM us/rec",
        "daemon us/rec",
        "hops (p50)");
    double plain = figures.get(variants.get(0)).perSecond().p(50);
    for (Throughput.Variant v : variants) {
      Throughput.Figures f = figures.get(v);
      System.out.printf(
          "%-27s %13.0f %9.0f %9.0f %12s %11.2f %11.2f %13.2f %10s%n",
          v.label(),
          f.perSecond().p(50),
          f.perSecond().p(0),
          f.perSecond().max(),
          "%,d".formatted(v.expected()),
          f.pollCpuMicros().p(50),
          f.processCpuMicros().p(50),
          f.daemonCpuMicros().p(50),
          v.instance() == null ? "-" : "%.1f%%".formatted(f.reportedShare().p(50)));
    }
    System.out.println(
        "poll us/rec: CPU of the polling thread (where the interceptor runs) per record read;"
            + " JVM us/rec: CPU of this JVM (with the interceptor's reporting thread and GC) per"
            + " record read; daemon us/rec: CPU of the daemon per record read, until the consumer"
            + " closed (its last reports sent); hops: consumption hops the daemon recorded per record given to the"
            + " app (the interceptor drops reports its bounded queue cannot hold)");
    for (Throughput.Variant v : variants.subList(1, variants.size())) {
      System.out.printf(
          "ratio %s / plain (medians): %.2f%n",
          v.label(), figures.get(v).perSecond().p(50) / plain);
    }
  }

  private static void routeChanges(DaemonClient client, Clients clients) throws Exception {
    RouteChanges.Figures f;
    long hopsBefore = Throughput.lastHop(client);
    long delivered;
    RoutesAnswers answers = new RoutesAnswers(new DaemonClient(client.base(), clients.token()));
    BaselineWatch watch =
        new BaselineWatch(clients.routed("rc-baseline", "baseline"), ROUTES_TOPIC);
    KeyedPacer pacer = new KeyedPacer(clients, ROUTES_TOPIC);
    answers.start();
    watch.start();
    pacer.start();
    try {
      f = RouteChanges.measure(client, SERVICE, pacer, watch, answers, CHANGE_WARMUP, CHANGES);
    } finally {
      pacer.stop();
      watch.stop();
      answers.close();
    }
    delivered = watch.delivered();
    long hops = Throughput.lastHop(client) - hopsBefore;
    System.out.printf(
        "route change -> effect on a baseline consumer with the interceptor: %d sandboxes forking"
            + " %s created and deleted (after %d unmeasured), a keyed record and an unkeyed one"
            + " published every ms; effect = the consumer's first poll that skipped (create) or"
            + " again delivered (delete) the key%n",
        f.createCall().size(), SERVICE, CHANGE_WARMUP);
    System.out.printf("%-56s %9s %9s %9s%n", "ms", "p50", "p90", "max");
    row("create: call start -> baseline skips the key", f.createStartToSkip());
    row("create: call answered -> baseline skips the key", f.createAnswerToSkip());
    row("create: call start -> routes long poll answers", f.createStartToAnswer());
    row("create: routes long poll answers -> baseline skips", f.createAnswerToSkipFromRoutes());
    row("create: the call (fork started and healthy)", f.createCall());
    row("delete: call start -> baseline consumes the key", f.deleteStartToDelivery());
    row("delete: call answered -> baseline consumes the key", f.deleteAnswerToDelivery());
    row("delete: call start -> routes long poll answers", f.deleteStartToAnswer());
    row(
        "delete: routes long poll answers -> baseline consumes",
        f.deleteAnswerToDeliveryFromRoutes());
    row("delete: the call", f.deleteCall());
    row("resolution (last poll with the key -> first without)", f.resolution());
    System.out.printf(
        "the baseline consumer was given %,d records; the daemon recorded %,d consumption hops"
            + " (%.1f%%)%n",
        delivered, hops, 100.0 * hops / delivered);
  }

  private static void row(String name, Series s) {
    System.out.printf("%-56s %9.1f %9.1f %9.1f%n", name, s.p(50), s.p(90), s.max());
  }

  /** The end offset of each partition of {@code topic}. */
  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
      throws InterruptedException, ExecutionException {
    int partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
        admin.listOffsets(latest).all().get();
    return offsets.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().offset(), (a, b) -> a, LinkedHashMap::new));
  }

  /** A port free on the loopback interface now, for the broker's listener. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
