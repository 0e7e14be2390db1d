package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.prooflane.local.kafka.KafkaJarMissingException;
import dev.prooflane.local.kafka.KafkaJars;
import dev.prooflane.local.kafka.KafkaStatus;
import dev.prooflane.local.process.InstanceFailedException;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka broker of a {@code kafka:} section, started by the local runtime: the real one. */
class KafkaBrokerIT {
  @TempDir Path dir;
  private final List<LocalRuntime> runtimes = new ArrayList<>();
  private final List<String> progress = new ArrayList<>();

  @AfterEach
  void stop() {
    runtimes.forEach(LocalRuntime::close);
  }

  private Environment environment(String kafka) throws IOException {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        kafka
            + """
            services:
              echo:
                command: %s --bootstrap=${kafka.bootstrap}
                env: {PORT: "${port}", BOOTSTRAP: "${kafka.bootstrap}"}
                health: {timeout: 30s}
            """
                .formatted(TestEnvironment.echoCommand()));
    return EnvironmentReader.read(file);
  }

  private LocalRuntime start(Environment env, Path state) {
    return start(env, state, KafkaJars.located());
  }

  private LocalRuntime start(Environment env, Path state, KafkaJars jars) {
    LocalRuntime runtime =
        LocalRuntime.start(
            env,
            new LocalOptions(
                    StateFolder.of(state),
                    Clock.systemUTC(),
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(1))
                .withKafkaJars(jars),
            line -> {
              synchronized (progress) {
                progress.add(line);
              }
            });
    runtimes.add(runtime);
    return runtime;
  }

  @Test
  void aRecordProducedToTheStartedBrokerIsConsumedBack() throws Exception {
    Environment env = environment("kafka:\n  partitions: 2\n  topics: [orders]\n");
    LocalRuntime runtime = start(env, dir.resolve("state"));

    KafkaStatus status = runtime.kafka().orElseThrow();
    assertThat(status.state()).isEqualTo("running");
    assertThat(status.bootstrap()).startsWith("127.0.0.1:");
    assertThat(runtime.kafkaBootstrap()).contains(status.bootstrap());
    assertThat(new LocalRuntimeAccess(runtime, s -> s).kafkaBootstrap())
        .contains(status.bootstrap());
    assertThat(
            runtime.forkCommand(
                new SandboxSpec(
                    "x", Optional.empty(), Optional.empty(), Map.of(), List.of(Fork.of("echo"))),
                Fork.of("echo")))
        .endsWith("--bootstrap=" + status.bootstrap());
    assertThat(progress)
        .anySatisfy(line -> assertThat(line).matches("  kafka: broker up on .* in \\d+ ms"));
    progress.stream()
        .filter(line -> line.contains("broker up"))
        .forEach(line -> System.out.println("KafkaBrokerIT:" + line));
    try (Admin admin = admin(status.bootstrap())) {
      assertThat(admin.describeTopics(Set.of("orders")).allTopicNames().get().get("orders"))
          .satisfies(topic -> assertThat(topic.partitions()).hasSize(2));
    }

    produce(status.bootstrap(), "orders", "k-1", "order 1");
    List<String> values = consume(status.bootstrap(), "orders", "notifier", 1);

    assertThat(values).containsExactly("order 1");
    assertThat(dir.resolve("state/kafka/broker.log")).isRegularFile();

    long pid = status.pid();
    runtime.close();
    runtimes.remove(runtime);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("the broker stops with the runtime")
        .isFalse();
  }

  @Test
  void aRestartKeepsTheRecordsAndTheGroupsOffsetsAndFormatsOnlyOnce() throws Exception {
    Environment env = environment("kafka:\n  topics: [orders]\n");
    Path state = dir.resolve("state");
    LocalRuntime first = start(env, state);
    String bootstrap = first.kafkaBootstrap().orElseThrow();
    produce(bootstrap, "orders", "k", "before restart 1");
    produce(bootstrap, "orders", "k", "before restart 2");
    assertThat(consume(bootstrap, "orders", "notifier", 1)).hasSize(1);
    String clusterId = Files.readString(state.resolve("kafka/cluster.id"));
    first.close();
    runtimes.remove(first);
    progress.clear();

    LocalRuntime second = start(env, state);

    assertThat(progress).noneMatch(line -> line.contains("formatting"));
    assertThat(Files.readString(state.resolve("kafka/cluster.id"))).isEqualTo(clusterId);
    String again = second.kafkaBootstrap().orElseThrow();
    assertThat(consume(again, "orders", "notifier", 1))
        .as("the group goes on from its committed offset")
        .containsExactly("before restart 2");
    assertThat(consume(again, "orders", "fresh-group", 2))
        .containsExactly("before restart 1", "before restart 2");
  }

  @Test
  void anExistingBrokerNamedByBootstrapGetsTheTopicsAndNoBrokerIsStarted() throws Exception {
    LocalRuntime owner = start(environment("kafka: {}\n"), dir.resolve("owner"));
    String bootstrap = owner.kafkaBootstrap().orElseThrow();

    LocalRuntime user =
        start(
            environment("kafka:\n  bootstrap: " + bootstrap + "\n  topics: [payments]\n"),
            dir.resolve("user"));

    assertThat(user.kafka()).contains(new KafkaStatus(bootstrap, "external", 0, ""));
    assertThat(dir.resolve("user/kafka")).doesNotExist();
    try (Admin admin = admin(bootstrap)) {
      assertThat(admin.listTopics().names().get()).contains("payments");
    }
  }

  @Test
  void missingBrokerJarsStopTheStartBeforeAnythingRuns() throws Exception {
    Environment env = environment("kafka: {}\n");
    Path state = dir.resolve("state");

    KafkaJarMissingException e =
        catchThrowableOfType(
            KafkaJarMissingException.class,
            () -> start(env, state, KafkaJars.in(dir.resolve("nowhere"))));

    assertThat(e.artifact()).isEqualTo(KafkaJars.BROKER_ARTIFACT);
    assertThat(e.getMessage()).contains(dir.resolve("nowhere/broker").toString());
    assertThat(state.resolve("state.db")).doesNotExist();
    assertThat(progress).isEmpty();
  }

  @Test
  void aServiceNamingAMissingInterceptorStopsTheStartBeforeAnythingRuns() throws Exception {
    Path file = dir.resolve("prooflane.yaml");
    Files.writeString(
        file,
        """
        kafka: {}
        services:
          notifier:
            command: java -cp app.jar:${kafka.interceptor} Notifier
        """);
    Path jars = Files.createDirectories(dir.resolve("jars/broker"));
    Files.createFile(jars.resolve("kafka_2.13-4.4.0.jar"));
    Path state = dir.resolve("state");

    KafkaJarMissingException e =
        catchThrowableOfType(
            KafkaJarMissingException.class,
            () -> start(EnvironmentReader.read(file), state, KafkaJars.in(dir.resolve("jars"))));

    assertThat(e.artifact()).isEqualTo(KafkaJars.INTERCEPTOR_ARTIFACT);
    assertThat(e.file()).isEqualTo(dir.resolve("jars/prooflane-kafka.jar"));
    assertThat(e.getMessage()).startsWith("services.notifier.command: ${kafka.interceptor}");
    assertThat(state.resolve("state.db")).doesNotExist();
  }

  @Test
  void aBrokerThatCannotStartFailsTheStartWithItsLastLines() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Environment env =
          environment("kafka:\n  port: " + taken.getLocalPort() + "\n  timeout: 60s\n");

      InstanceFailedException e =
          catchThrowableOfType(
              InstanceFailedException.class, () -> start(env, dir.resolve("state")));

      assertThat(e.id()).isEqualTo("kafka/broker");
      assertThat(e.exitCode()).isPresent();
      assertThat(e.getMessage())
          .startsWith(
              "kafka: the broker on 127.0.0.1:" + taken.getLocalPort() + " exited with code")
          .contains("lines of output:")
          .containsIgnoringCase("address already in use");
      assertThat(progress).noneMatch(line -> line.contains("echo"));
    }
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static void produce(String bootstrap, String topic, String key, String value)
      throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  /** Polls as group {@code group} until {@code count} records came (or 30 s), then commits them. */
  private static List<String> consume(String bootstrap, String topic, String group, int count) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                Integer.toString(count),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          values.add(record.value());
        }
      }
      consumer.commitSync();
    }
    return values;
  }
}
