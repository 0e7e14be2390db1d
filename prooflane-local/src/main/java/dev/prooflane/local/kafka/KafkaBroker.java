package dev.prooflane.local.kafka;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.StateFolder;
import dev.prooflane.local.process.HealthProbe;
import dev.prooflane.local.process.InstanceFailedException;
import dev.prooflane.local.process.ManagedProcess;
import dev.prooflane.local.process.Ports;
import dev.prooflane.local.process.ProcessSpec;
import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.model.KafkaSection;
import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.common.Uuid;

/**
 * The Kafka broker of an environment with a {@code kafka:} section: either one the daemon starts (a
 * single-node KRaft broker in its own JVM, its files under the state folder's {@code kafka/},
 * formatted at its first start only, so records and consumer offsets survive a daemon's restart),
 * or an existing one named by {@code bootstrap}, on which only the topics are created.
 *
 * <p>{@link #plan} chooses the ports, so the bootstrap is known (for {@code ${kafka.bootstrap}})
 * before anything starts; {@link #start} starts the broker and returns once it answers and has the
 * topics. A broker that exits later is reported (its {@link #status()} and one line on stderr),
 * never started again behind the user's back.
 */
public final class KafkaBroker implements AutoCloseable {
  /** The process id of the broker under the supervisor (in its registry, messages and reaping). */
  static final String ID = "kafka/broker";

  /**
   * The broker's JVM: small (the broker of a laptop's tests), with the serial collector (no threads
   * of its own) and the client compiler only. Measured on a loaded 2-core machine, C1 only brought
   * the broker up in 2.2-4.5 s with 2 s of CPU and 282 MB resident, against 3.8-15 s, 3 s of CPU
   * and 312 MB with C2 as well: the JIT's threads competed with the start.
   */
  static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms64m",
          "-Xmx256m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Djava.awt.headless=true");

  /** The least a stopping broker gets to shut down cleanly (its controlled shutdown takes ~2 s). */
  private static final Duration MIN_STOP_GRACE = Duration.ofSeconds(10);

  private final KafkaSection section;
  private final StateFolder state;
  private final KafkaJars jars;
  private final Optional<BrokerConfig> config;
  private volatile ManagedProcess process;
  private volatile boolean stopping;

  private KafkaBroker(
      KafkaSection section, StateFolder state, KafkaJars jars, Optional<BrokerConfig> config) {
    this.section = requireNonNull(section, "section");
    this.state = requireNonNull(state, "state");
    this.jars = requireNonNull(jars, "jars");
    this.config = config;
  }

  /**
   * The broker of {@code section}, not started: for a broker the daemon starts, its jars are
   * checked and its ports chosen ({@code port}, else a free one; the controller's always a free
   * one).
   *
   * @throws KafkaJarMissingException when the daemon would start the broker and its jars are not in
   *     {@code jars}
   */
  public static KafkaBroker plan(KafkaSection section, StateFolder state, KafkaJars jars) {
    if (!section.startsBroker()) {
      return new KafkaBroker(section, state, jars, Optional.empty());
    }
    jars.requireBroker();
    int port = section.port() == 0 ? Ports.freePort() : section.port();
    BrokerConfig config =
        new BrokerConfig(port, Ports.freePort(), section.partitions(), state.kafkaData());
    return new KafkaBroker(section, state, jars, Optional.of(config));
  }

  /** Where clients reach the broker: a {@code host:port} list ({@code ${kafka.bootstrap}}). */
  public String bootstrap() {
    return config.map(BrokerConfig::bootstrap).orElseGet(() -> section.bootstrap().orElseThrow());
  }

  /** Whether the daemon starts this broker (no {@code bootstrap} was given). */
  public boolean started() {
    return config.isPresent();
  }

  /**
   * Starts the broker under {@code supervisor} (formatting its data folder first when it has never
   * been), waits until it describes its cluster, then creates the section's topics; for an existing
   * broker, only waits for it and creates the topics. Progress lines go to {@code progress}.
   *
   * @throws InstanceFailedException when the broker exits or does not answer within the section's
   *     timeout (with its last lines of output); it is stopped
   * @throws ProoflaneException when its files cannot be written or a topic cannot be created
   */
  public void start(ProcessSupervisor supervisor, Duration stopGrace, Consumer<String> progress) {
    long began = System.nanoTime();
    if (config.isEmpty()) {
      progress.accept("  kafka: using the broker at " + bootstrap());
      try (BrokerAdmin admin = new BrokerAdmin(bootstrap())) {
        if (!admin.awaitUp(section.timeout(), () -> true)) {
          throw new ProoflaneException(
              "kafka.bootstrap: no broker answered at "
                  + bootstrap()
                  + " within "
                  + section.timeout().toSeconds()
                  + " s (start it, or fix kafka.bootstrap; without bootstrap the daemon starts"
                  + " one)");
        }
        created(
            progress, admin.createTopics(section.topics(), Optional.empty(), section.timeout()));
      }
      return;
    }
    BrokerConfig broker = config.get();
    writeFiles(broker);
    if (!Files.isRegularFile(state.kafkaData().resolve("meta.properties"))) {
      format(supervisor, progress);
    }
    ManagedProcess started =
        supervisor.start(
            new ProcessSpec(
                ID,
                java("kafka.Kafka", state.kafkaConfig().toString()),
                state.kafka(),
                Map.of(),
                state.kafkaLog()));
    this.process = started;
    progress.accept(
        "  kafka: broker starting (pid " + started.pid() + ") on " + broker.bootstrap());
    try (BrokerAdmin admin = new BrokerAdmin(broker.bootstrap())) {
      if (!admin.awaitUp(section.timeout(), started::isAlive)) {
        throw failed(started, stopGrace);
      }
      started.onExit().thenAccept(this::exited);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
      progress.accept("  kafka: broker up on " + broker.bootstrap() + " in " + ms + " ms");
      created(
          progress,
          admin.createTopics(
              section.topics(), Optional.of(broker.partitions()), section.timeout()));
    } catch (RuntimeException e) {
      stop(stopGrace);
      throw e;
    }
  }

  private static void created(Consumer<String> progress, List<String> topics) {
    if (!topics.isEmpty()) {
      progress.accept("  kafka: created topics " + String.join(", ", topics));
    }
  }

  /** The broker's state now. */
  public KafkaStatus status() {
    ManagedProcess p = process;
    if (config.isEmpty()) {
      return new KafkaStatus(bootstrap(), "external", 0, "");
    }
    if (p == null) {
      return new KafkaStatus(bootstrap(), "starting", 0, "");
    }
    if (p.isAlive()) {
      return new KafkaStatus(bootstrap(), "running", p.pid(), "");
    }
    return new KafkaStatus(bootstrap(), "exited", p.pid(), exitMessage(p));
  }

  /** The broker process's captured output, when the daemon started one. */
  public Optional<ManagedProcess> process() {
    return Optional.ofNullable(process);
  }

  /** Stops the broker the daemon started (nothing for an existing one). */
  public void stop(Duration grace) {
    stopping = true;
    ManagedProcess p = process;
    if (p != null) {
      p.stop(grace.compareTo(MIN_STOP_GRACE) < 0 ? MIN_STOP_GRACE : grace);
    }
  }

  @Override
  public void close() {
    stop(MIN_STOP_GRACE);
  }

  private void exited(int code) {
    if (!stopping) {
      System.err.println("prooflane: kafka: " + exitMessage(process));
    }
  }

  private String exitMessage(ManagedProcess p) {
    return "the broker exited with code "
        + p.exitCode().map(String::valueOf).orElse("?")
        + " and is not restarted (see "
        + state.kafkaLog()
        + "; restart the daemon to start it again)";
  }

  /** The command that runs {@code mainClass} with {@code args} on the broker's class path. */
  private List<String> java(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-Dlog4j2.configurationFile=" + state.kafkaLogConfig().toAbsolutePath());
    command.add("-Dkafka.logs.dir=" + state.kafka().toAbsolutePath());
    command.add("-cp");
    command.add(jars.classPath());
    command.add(mainClass);
    command.addAll(List.of(args));
    return command;
  }

  /** Writes the configuration (at each start: the ports may differ) and the cluster id (once). */
  private void writeFiles(BrokerConfig broker) {
    try {
      Files.createDirectories(state.kafkaData());
      if (!Files.isRegularFile(state.kafkaClusterId())) {
        Files.writeString(state.kafkaClusterId(), Uuid.randomUuid() + "\n");
      }
      Files.writeString(state.kafkaConfig(), broker.text(), StandardCharsets.UTF_8);
      Files.writeString(state.kafkaLogConfig(), BrokerConfig.log4j(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProoflaneException(
          "kafka: cannot write the broker's files in " + state.kafka() + ": " + e.getMessage(), e);
    }
  }

  private String clusterId() {
    try {
      return Files.readString(state.kafkaClusterId(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new ProoflaneException(
          "kafka: cannot read " + state.kafkaClusterId() + ": " + e.getMessage(), e);
    }
  }

  /** Formats {@code kafka/data/} with Kafka's own storage tool: the broker's first start only. */
  private void format(ProcessSupervisor supervisor, Consumer<String> progress) {
    progress.accept("  kafka: formatting " + state.kafkaData() + " (first start)");
    ManagedProcess tool =
        supervisor.start(
            new ProcessSpec(
                "kafka/format",
                java(
                    "kafka.tools.StorageTool",
                    "format",
                    "--cluster-id",
                    clusterId(),
                    "--config",
                    state.kafkaConfig().toString(),
                    "--ignore-formatted"),
                state.kafka(),
                Map.of(),
                state.kafkaFormatLog()));
    int code;
    try {
      code = tool.onExit().get(section.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      tool.stop(Duration.ZERO);
      throw new InstanceFailedException(
          tool.id(),
          Optional.empty(),
          tool.logs().file(),
          "kafka: formatting "
              + state.kafkaData()
              + " took longer than the timeout"
              + HealthProbe.lastLines(tool));
    } catch (ExecutionException e) {
      throw new ProoflaneException("kafka: formatting failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tool.stop(Duration.ZERO);
      throw new ProoflaneException("interrupted while formatting " + state.kafkaData());
    }
    if (code != 0) {
      throw new InstanceFailedException(
          tool.id(),
          Optional.of(code),
          tool.logs().file(),
          "kafka: formatting "
              + state.kafkaData()
              + " failed with code "
              + code
              + " (full output at "
              + tool.logs().file()
              + ")"
              + HealthProbe.lastLines(tool));
    }
  }

  private InstanceFailedException failed(ManagedProcess broker, Duration stopGrace) {
    boolean alive = broker.isAlive();
    if (alive) {
      stop(stopGrace);
    } else {
      broker.onExit().join();
    }
    Optional<Integer> code = alive ? Optional.empty() : broker.exitCode();
    String what =
        alive
            ? "did not answer within "
                + section.timeout().toSeconds()
                + " s (raise kafka.timeout if the machine is slow)"
            : "exited with code " + code.map(String::valueOf).orElse("?") + " while starting";
    return new InstanceFailedException(
        ID,
        code,
        broker.logs().file(),
        "kafka: the broker on "
            + bootstrap()
            + " "
            + what
            + "; the full log is at "
            + broker.logs().file()
            + HealthProbe.lastLines(broker));
  }
}
