package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.agent.AgentJars;
import dev.prooflane.local.kafka.KafkaJars;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of a local runtime.
 *
 * @param stateFolder where state ({@code state.db}) and logs live, usually {@code .prooflane/}
 * @param clock the clock TTLs are measured with
 * @param stopGrace how long a stopping process gets between SIGTERM and SIGKILL
 * @param ttlCheckInterval how often expired sandboxes are looked for
 * @param progressInterval how often an instance that is not healthy yet is reported as still
 *     waiting, with its last line of output
 * @param agentJars where the jars of {@code propagation} are ({@link AgentJars#located()} unless a
 *     test says otherwise)
 * @param kafkaJars where the Kafka broker's jars and the consumer interceptor are ({@link
 *     KafkaJars#located()} unless a test says otherwise)
 * @param serviceEnv variables every service process gets (baseline and forks), over those of its
 *     definition, such as how to reach the daemon's API; values may be secrets: never printed
 */
public record LocalOptions(
    StateFolder stateFolder,
    Clock clock,
    Duration stopGrace,
    Duration ttlCheckInterval,
    Duration progressInterval,
    AgentJars agentJars,
    KafkaJars kafkaJars,
    Map<String, String> serviceEnv) {
  /** How often a starting instance is reported as still waiting, by default. */
  public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

  public LocalOptions {
    requireNonNull(stateFolder, "stateFolder");
    requireNonNull(clock, "clock");
    requireNonNull(stopGrace, "stopGrace");
    requireNonNull(ttlCheckInterval, "ttlCheckInterval");
    requireNonNull(progressInterval, "progressInterval");
    requireNonNull(agentJars, "agentJars");
    requireNonNull(kafkaJars, "kafkaJars");
    serviceEnv = Map.copyOf(serviceEnv);
    if (progressInterval.isNegative() || progressInterval.isZero()) {
      throw new IllegalArgumentException(
          "progressInterval: " + progressInterval + " (expected: > 0)");
    }
  }

  /** These settings, with the Kafka jars where this installation keeps them, no variable added. */
  public LocalOptions(
      StateFolder stateFolder,
      Clock clock,
      Duration stopGrace,
      Duration ttlCheckInterval,
      Duration progressInterval,
      AgentJars agentJars) {
    this(
        stateFolder,
        clock,
        stopGrace,
        ttlCheckInterval,
        progressInterval,
        agentJars,
        KafkaJars.located(),
        Map.of());
  }

  /** These settings, with the jars of {@code propagation} where this installation keeps them. */
  public LocalOptions(
      StateFolder stateFolder,
      Clock clock,
      Duration stopGrace,
      Duration ttlCheckInterval,
      Duration progressInterval) {
    this(stateFolder, clock, stopGrace, ttlCheckInterval, progressInterval, AgentJars.located());
  }

  /**
   * These settings, starting instances reported as still waiting every {@link #PROGRESS_INTERVAL}.
   */
  public LocalOptions(
      StateFolder stateFolder, Clock clock, Duration stopGrace, Duration ttlCheckInterval) {
    this(stateFolder, clock, stopGrace, ttlCheckInterval, PROGRESS_INTERVAL);
  }

  /** Defaults for {@code stateDir}: system clock, 5 s stop grace, TTL checked every second. */
  public static LocalOptions of(Path stateDir) {
    return new LocalOptions(
        StateFolder.of(stateDir), Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofSeconds(1));
  }

  /** These options with starting instances reported as still waiting every {@code interval}. */
  public LocalOptions withProgressInterval(Duration interval) {
    return new LocalOptions(
        stateFolder,
        clock,
        stopGrace,
        ttlCheckInterval,
        interval,
        agentJars,
        kafkaJars,
        serviceEnv);
  }

  /** These options with the jars of {@code propagation} taken from {@code jars}. */
  public LocalOptions withAgentJars(AgentJars jars) {
    return new LocalOptions(
        stateFolder,
        clock,
        stopGrace,
        ttlCheckInterval,
        progressInterval,
        jars,
        kafkaJars,
        serviceEnv);
  }

  /** These options with the Kafka broker's jars and the interceptor taken from {@code jars}. */
  public LocalOptions withKafkaJars(KafkaJars jars) {
    return new LocalOptions(
        stateFolder,
        clock,
        stopGrace,
        ttlCheckInterval,
        progressInterval,
        agentJars,
        jars,
        serviceEnv);
  }

  /** These options with {@code env} added to every service process's variables. */
  public LocalOptions withServiceEnv(Map<String, String> env) {
    return new LocalOptions(
        stateFolder,
        clock,
        stopGrace,
        ttlCheckInterval,
        progressInterval,
        agentJars,
        kafkaJars,
        env);
  }

  /** These settings, the values of {@link #serviceEnv} left out (they may be secrets). */
  @Override
  public String toString() {
    return "LocalOptions[stateFolder="
        + stateFolder
        + ", clock="
        + clock
        + ", stopGrace="
        + stopGrace
        + ", ttlCheckInterval="
        + ttlCheckInterval
        + ", progressInterval="
        + progressInterval
        + ", agentJars="
        + agentJars
        + ", kafkaJars="
        + kafkaJars
        + ", serviceEnv="
        + new java.util.TreeSet<>(serviceEnv.keySet())
        + "]";
  }
}
