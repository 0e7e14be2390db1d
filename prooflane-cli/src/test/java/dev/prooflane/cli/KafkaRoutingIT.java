package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.cli.Consumptions.Consumption;
import dev.prooflane.cli.Consumptions.Position;
import dev.prooflane.cli.KafkaTraffic.Sent;
import dev.prooflane.local.RouteWatch;
import dev.prooflane.local.ServiceRestart;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.SandboxView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's guarantees end to end: a real daemon with its real Kafka broker runs the demo shop's
 * notifier (examples/shop/prooflane-kafka.yaml) with the real shaded routing interceptor, in the
 * baseline and in the forks of sandboxes; the test publishes with the real Kafka client, the key in
 * the W3C {@code baggage} header, and reads who consumed each record from the consumption hops the
 * interceptors report to the daemon.
 *
 * <p>An instance's hops arrive in the order it consumed the records, and each instance reads a
 * partition in order: once an instance's hop of a record published last on a partition (a barrier)
 * is in, its hops of every earlier record of that partition are too. So each test publishes, after
 * the records it checks, a barrier per partition for every instance that could consume them.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KafkaRoutingIT {
  private static final String BASELINE = "baseline";
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  @TempDir static Path dir;
  private static DaemonClient daemon;
  private static KafkaTraffic traffic;
  private static Admin admin;
  private static int partitions;

  @BeforeAll
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  static void up() throws Exception {
    Path shop = CliProcess.SHOP.getParent();
    String env =
        Files.readString(shop.resolve("prooflane-kafka.yaml"))
            .replace("artifact: target/shop.jar", "artifact: " + shop.resolve("target/shop.jar"))
            .replace("timeout: 60s", "timeout: 180s")
            .replace("timeout: 30s", "timeout: 120s");
    assertThat(env)
        .contains("artifact: /", "${kafka.interceptor}", "GROUP_ID: notifier-${sandbox}", "180s");
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(file, env);
    CliProcess.Result up = cli("up", "--detach", "--api-port", "0", "-f", file.toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();

    Path state = dir.resolve("state");
    daemon =
        new DaemonClient(
            DaemonInfo.read(state).orElseThrow().apiUrl(),
            AdminTokenFile.read(state).orElseThrow());
    // where the daemon's broker listens, as GET /status says
    String bootstrap = daemon.status().kafka().bootstrap();
    assertThat(daemon.status().kafka().state()).isEqualTo("running");
    traffic = new KafkaTraffic(bootstrap, daemon.kafkaRoutes(null, null).keyNames().get("baggage"));
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    partitions =
        admin
            .describeTopics(Set.of(KafkaTraffic.TOPIC))
            .allTopicNames()
            .get(60, TimeUnit.SECONDS)
            .get(KafkaTraffic.TOPIC)
            .partitions()
            .size();
    assertThat(partitions).as("the kafka: section's default partitions").isEqualTo(3);
  }

  @AfterEach
  void deleteSandboxes() {
    daemon.sandboxes().sandboxes().forEach(s -> daemon.deleteSandbox(s.name()));
  }

  @AfterAll
  static void down() throws Exception {
    if (traffic != null) {
      traffic.close();
    }
    if (admin != null) {
      admin.close();
    }
    cli("down");
  }

  private static CliProcess.Result cli(String... args) throws Exception {
    return CliProcess.inState(dir, args);
  }

  @Test
  void threeThousandRecordsOfTwoForksAndTheBaselineAreEachConsumedByTheirOwnInstanceOnly()
      throws Exception {
    Map<String, Integer> ports =
        Map.of(
            "mix-a",
            fork("mix-a", "key-mix-a").forks().get(0).port(),
            "mix-b",
            fork("mix-b", "key-mix-b").forks().get(0).port(),
            BASELINE,
            baselinePort());
    List<String> keys = Arrays.asList("key-mix-a", "key-mix-b", null);
    Map<String, String> instanceOfKey = Map.of("key-mix-a", "mix-a", "key-mix-b", "mix-b");

    long start = System.nanoTime();
    List<CompletableFuture<Sent>> sends = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      sends.add(traffic.send((i / keys.size()) % partitions, keys.get(i % keys.size())));
    }
    List<Sent> records = KafkaTraffic.all(sends);
    List<Sent> barriers = barriers(keys);
    Consumptions seen = awaitConsumed(records, barriers);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    List<String> misrouted = new ArrayList<>();
    for (Sent sent : records) {
      String owner = sent.key() == null ? BASELINE : instanceOfKey.get(sent.key());
      List<Consumption> consumptions = seen.of(sent);
      boolean right =
          consumptions.size() == 1
              && consumptions.get(0).destination().equals(owner)
              && consumptions.get(0).group().equals("notifier-" + owner)
              && Objects.equals(consumptions.get(0).key(), sent.key());
      if (!right) {
        misrouted.add(sent + " (owner " + owner + ") consumed as " + consumptions);
      }
    }
    assertThat(misrouted).as("records not consumed exactly once by their own instance").isEmpty();

    Map<Position, Sent> published =
        concat(records, barriers).stream().collect(Collectors.toMap(Sent::position, s -> s));
    for (Map.Entry<String, Integer> instance : ports.entrySet()) {
      Notified notified =
          await()
              .atMost(PATIENCE)
              .until(
                  () -> Notified.read(instance.getValue()),
                  n -> n.among(published.keySet()).size() >= Notified.KEPT);
      assertThat(notified.servedBy()).isEqualTo(instance.getKey());
      assertThat(notified.among(published.keySet()))
          .as("what the application of %s processed, by its own account", instance.getKey())
          .allSatisfy(
              r -> {
                Sent sent = published.get(r.position());
                assertThat(sent.key() == null ? BASELINE : instanceOfKey.get(sent.key()))
                    .as("%s processed %s", instance.getKey(), sent)
                    .isEqualTo(instance.getKey());
                assertThat(r.key()).isEqualTo(sent.key());
              });
    }
    System.out.printf(
        "KafkaRoutingIT: 3,000 records (1,000 per fork of mix-a and mix-b, 1,000 unkeyed) published"
            + " and consumed, each once by its own instance, in %d ms%n",
        millis);
  }

  @Test
  void aKilledForksRecordsAreNotConsumedByTheBaselineAndAreConsumedOnceTheForkIsBack()
      throws Exception {
    String key = "key-kill";
    SandboxView sandbox = fork("kill", key);
    List<Sent> beforeKill = perPartition(p -> key);
    awaitConsumed(beforeKill, List.of());
    awaitCommitted("notifier-kill", beforeKill);

    long pid = sandbox.forks().get(0).pid();
    assertThat(environment(pid)).contains("PROOFLANE_SANDBOX=kill", "PROOFLANE_SERVICE=notifier");
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    await()
        .atMost(PATIENCE)
        .until(() -> !CliProcess.alive(pid) && "down".equals(forkState("kill")));

    List<Sent> whileDown = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      whileDown.addAll(perPartition(p -> key));
    }
    List<Sent> sentinels = perPartition(p -> null);
    Consumptions passed = awaitConsumed(sentinels, List.of());
    assertThat(sentinels)
        .allSatisfy(s -> assertThat(passed.consumers(s)).containsExactly(BASELINE));
    assertThat(whileDown)
        .as("the baseline passed them (it consumed the sentinels after them) and left them")
        .allSatisfy(s -> assertThat(passed.of(s)).isEmpty());

    // No fork restart in the product: the fork comes back as the same sandbox created anew, whose
    // group (notifier-kill) kept its committed offsets.
    daemon.deleteSandbox("kill");
    long start = System.nanoTime();
    int port = fork("kill", key).forks().get(0).port();
    long back = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    List<Sent> barriers = perPartition(p -> key);
    Consumptions seen = awaitConsumed(whileDown, barriers);

    for (Sent sent : concat(beforeKill, whileDown)) {
      assertThat(seen.of(sent))
          .as("%s: consumed exactly once, by the fork", sent)
          .singleElement()
          .satisfies(c -> assertThat(c.destination()).isEqualTo("kill"))
          .satisfies(c -> assertThat(c.group()).isEqualTo("notifier-kill"));
    }
    Set<Position> waited =
        concat(whileDown, barriers).stream().map(Sent::position).collect(Collectors.toSet());
    Notified notified =
        await()
            .atMost(PATIENCE)
            .until(() -> Notified.read(port), n -> n.among(waited).size() >= waited.size());
    assertThat(notified.among(waited))
        .as("what the fork's application processed, by its own account: each once")
        .extracting(Notified.Record::position)
        .doesNotHaveDuplicates()
        .hasSize(waited.size());
    assertThat(Notified.read(baselinePort()).among(waited))
        .as("what the baseline's application processed")
        .isEmpty();
    System.out.printf(
        "KafkaRoutingIT: the killed fork, created again, had its partitions and was READY in %d ms;"
            + " it consumed the %d records that waited for it%n",
        back, whileDown.size());
  }

  @Test
  void aDeletedSandboxsKeyGoesToTheBaselineForNewRecords() throws Exception {
    String key = "key-gone";
    long start = System.nanoTime();
    long pid = fork("gone", key).forks().get(0).pid();
    long created = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    Instant published = Instant.now();
    Sent first = traffic.sendNow(0, key);
    Consumption reached =
        awaitConsumed(List.of(first), List.of()).of(first).stream()
            .filter(c -> c.destination().equals("gone"))
            .findFirst()
            .orElseThrow();

    Publisher probes = new Publisher(traffic, partitions, i -> key, 25);
    Instant deleting = Instant.now();
    daemon.deleteSandbox("gone");
    Instant deleted = Instant.now();
    Consumptions switched =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> Consumptions.read(daemon),
                c -> probes.sent().stream().anyMatch(s -> c.consumers(s).contains(BASELINE)));
    List<Sent> probed = probes.stop();
    assertThat(CliProcess.alive(pid)).as("the fork stopped with its sandbox").isFalse();

    List<Sent> fresh = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fresh.addAll(perPartition(p -> key));
    }
    Consumptions seen = awaitConsumed(fresh, List.of());
    assertThat(fresh)
        .as("new records with the key of a deleted sandbox go to the baseline, once")
        .allSatisfy(s -> assertThat(seen.consumers(s)).containsExactly(BASELINE));

    Instant tookOver =
        probed.stream()
            .flatMap(s -> switched.of(s).stream())
            .filter(c -> c.destination().equals(BASELINE))
            .map(Consumption::time)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    Consumptions last = Consumptions.read(daemon);
    System.out.printf(
        "KafkaRoutingIT: creation of sandbox gone (fork READY) took %d ms; a keyed record published"
            + " then reached the fork %d ms later. Its deletion took %d ms; with a keyed record"
            + " published every 25 ms, the baseline consumed the first %d ms after the deletion"
            + " began (its route goes first, then the fork stops). Of the %d records published"
            + " meanwhile, %d were consumed by the fork, %d by the baseline, %d by both, %d by"
            + " none%n",
        created,
        Duration.between(published, reached.time()).toMillis(),
        Duration.between(deleting, deleted).toMillis(),
        Duration.between(deleting, tookOver).toMillis(),
        probed.size(),
        count(probed, last, c -> c.equals(List.of("gone"))),
        count(probed, last, c -> c.equals(List.of(BASELINE))),
        count(probed, last, c -> c.contains("gone") && c.contains(BASELINE)),
        count(probed, last, List::isEmpty));
  }

  @Test
  void aRebalanceOfTheBaselineGroupLosesNoUnkeyedRecordAndDeliversNoKeyedOneToIt()
      throws Exception {
    String key = "key-rebalance";
    fork("rebalance", key);
    Publisher publisher = new Publisher(traffic, partitions, i -> i % 2 == 0 ? null : key, 10);
    ServiceRestart restart;
    List<Sent> records;
    try {
      restart = daemon.restartService("notifier");
    } finally {
      records = publisher.stop();
    }
    List<Sent> barriers = barriers(Arrays.asList(key, null));
    Consumptions seen = awaitConsumed(records, barriers);

    List<Sent> unkeyed = records.stream().filter(s -> s.key() == null).toList();
    List<Sent> keyed = records.stream().filter(s -> s.key() != null).toList();
    assertThat(
            unkeyed.stream()
                .filter(
                    s ->
                        seen.of(s).isEmpty()
                            || !Set.copyOf(seen.consumers(s)).equals(Set.of(BASELINE)))
                .map(s -> s + " consumed as " + seen.of(s))
                .toList())
        .as("unkeyed records not consumed by the baseline group only, at least once")
        .isEmpty();
    assertThat(
            keyed.stream()
                .filter(s -> !seen.consumers(s).equals(List.of("rebalance")))
                .map(s -> s + " consumed as " + seen.of(s))
                .toList())
        .as("keyed records not consumed by the fork only, once")
        .isEmpty();
    assertThat(restart.newPid()).isNotEqualTo(restart.oldPid());
    assertThat(CliProcess.alive(restart.oldPid())).isFalse();
    System.out.printf(
        "KafkaRoutingIT: a restart of the baseline notifier (%d ms, two rebalances of"
            + " notifier-baseline) while %d records were published: %d unkeyed records consumed"
            + " again after a rebalance, none lost; %d keyed records to the fork only%n",
        restart.millis(),
        records.size(),
        unkeyed.stream().filter(s -> seen.of(s).size() > 1).count(),
        keyed.size());
  }

  /** Creates sandbox {@code name} forking the notifier, routed by {@code key}; once READY. */
  private static SandboxView fork(String name, String key) {
    SandboxView view =
        daemon.createSandbox(
            new SandboxRequest(
                name,
                key,
                null,
                null,
                List.of(new ForkRequest("notifier", null, null, null, null, null))));
    assertThat(view.phase()).as(view.message()).isEqualTo("READY");
    return view;
  }

  /** The port the baseline notifier listens on. */
  private static int baselinePort() {
    for (JsonNode service : daemon.services().path("services")) {
      if (service.path("name").asText().equals("notifier")) {
        return service.path("instancePort").asInt();
      }
    }
    throw new AssertionError("no notifier in " + daemon.services());
  }

  /** The state of sandbox {@code name}'s notifier fork in the daemon's Kafka routes, or null. */
  private static String forkState(String name) {
    return daemon.kafkaRoutes(null, null).sandboxes().stream()
        .filter(s -> s.name().equals(name))
        .map(RouteWatch.RoutedSandbox::forks)
        .map(forks -> forks.get("notifier"))
        .findFirst()
        .orElse(null);
  }

  /** One record on each partition, keyed by {@code key} of the partition (null: unkeyed). */
  private static List<Sent> perPartition(IntFunction<String> key) throws Exception {
    List<CompletableFuture<Sent>> sends = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      sends.add(traffic.send(p, key.apply(p)));
    }
    return KafkaTraffic.all(sends);
  }

  /** On each partition, after what was published, one record of each key (null: unkeyed). */
  private static List<Sent> barriers(List<String> keys) throws Exception {
    List<Sent> barriers = new ArrayList<>();
    for (String key : keys) {
      barriers.addAll(perPartition(p -> key));
    }
    return barriers;
  }

  /**
   * Waits until every record of {@code records} and {@code barriers} was consumed, and answers the
   * consumptions then.
   */
  private static Consumptions awaitConsumed(List<Sent> records, List<Sent> barriers) {
    List<Sent> all = concat(records, barriers);
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> Consumptions.read(daemon),
            c -> {
              assertThat(c.kept())
                  .as("the hop log still holds every consumption of the test")
                  .isLessThan(Consumptions.LOG_CAPACITY);
              return c.notConsumed(all).isEmpty();
            });
  }

  /** Waits until {@code group} committed past every record of {@code records}. */
  private static void awaitCommitted(String group, List<Sent> records) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Map<TopicPartition, OffsetAndMetadata> committed =
                  admin
                      .listConsumerGroupOffsets(group)
                      .partitionsToOffsetAndMetadata()
                      .get(30, TimeUnit.SECONDS);
              return records.stream()
                  .allMatch(
                      s -> {
                        OffsetAndMetadata at =
                            committed.get(new TopicPartition(KafkaTraffic.TOPIC, s.partition()));
                        return at != null && at.offset() > s.offset();
                      });
            });
  }

  /** The environment of process {@code pid}, one {@code NAME=value} per element. */
  private static List<String> environment(long pid) throws Exception {
    byte[] environ = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
    return List.of(new String(environ, StandardCharsets.UTF_8).split("\0"));
  }

  private static long count(
      List<Sent> records, Consumptions seen, Predicate<List<String>> consumers) {
    return records.stream().filter(s -> consumers.test(seen.consumers(s))).count();
  }

  private static List<Sent> concat(Collection<Sent> a, Collection<Sent> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
