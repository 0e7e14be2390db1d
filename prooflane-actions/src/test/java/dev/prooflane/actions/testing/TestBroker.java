package dev.prooflane.actions.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in a JVM of its own, from
 * the Kafka server jars on the test class path; one for all the tests of the module's JVM, stopped
 * when that JVM exits.
 */
public final class TestBroker {
  private static TestBroker shared;

  private final Process process;
  private final String bootstrap;
  private final Path dir;

  private TestBroker(Process process, String bootstrap, Path dir) {
    this.process = process;
    this.bootstrap = bootstrap;
    this.dir = dir;
  }

  /** The broker of this test JVM, started on first use. */
  public static synchronized TestBroker shared() {
    if (shared == null) {
      shared = start();
      TestBroker broker = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
    }
    return shared;
  }

  /** {@code 127.0.0.1:PORT}. */
  public String bootstrap() {
    return bootstrap;
  }

  private static TestBroker start() {
    try {
      Path dir = Files.createTempDirectory("prooflane-test-kafka");
      int port = freePort();
      int controller = freePort();
      Path config = dir.resolve("server.properties");
      Files.writeString(
          config,
          String.join(
              "\n",
              "process.roles=broker,controller",
              "node.id=1",
              "controller.quorum.voters=1@127.0.0.1:" + controller,
              "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
              "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
              "controller.listener.names=CONTROLLER",
              "inter.broker.listener.name=PLAINTEXT",
              "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
              "log.dirs=" + dir.resolve("data"),
              "num.partitions=3",
              "auto.create.topics.enable=true",
              "offsets.topic.replication.factor=1",
              "offsets.topic.num.partitions=3",
              "transaction.state.log.replication.factor=1",
              "transaction.state.log.min.isr=1",
              "share.coordinator.state.topic.replication.factor=1",
              "group.initial.rebalance.delay.ms=0",
              ""),
          StandardCharsets.UTF_8);
      Path log = dir.resolve("broker.log");
      run(
          List.of(
              "kafka.tools.StorageTool",
              "format",
              "-t",
              Uuid.randomUuid().toString(),
              "-c",
              config.toString()),
          dir.resolve("format.log"));
      Process process =
          java(List.of("-Xmx384m", "kafka.Kafka", config.toString()))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      TestBroker broker = new TestBroker(process, "127.0.0.1:" + port, dir);
      try (Admin admin =
          Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap))) {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .failFast("the broker exited: " + broker.lastLines(), () -> !process.isAlive())
            .until(() -> admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size() == 1);
      }
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> args, Path output) throws IOException {
    Process p = java(args).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "kafka-storage format failed: " + Files.readString(output, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting the broker's storage", e);
    }
  }

  private static ProcessBuilder java(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-XX:+UseSerialGC");
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  private String lastLines() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("broker.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
