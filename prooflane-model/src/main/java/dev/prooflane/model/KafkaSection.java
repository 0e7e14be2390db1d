package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code kafka:} section of an environment file: the Kafka broker the local runtime starts
 * (single node, on loopback), or an existing one named by {@code bootstrap}; see docs/kafka.md.
 *
 * @param port the broker's listener port on 127.0.0.1; 0 picks a free port at each start
 * @param partitions the partitions of every topic the broker creates (listed or automatic)
 * @param topics the topics created once the broker is up (also on an existing broker)
 * @param timeout how long the broker may take to come up
 * @param bootstrap an existing broker's {@code host:port} list; then the daemon starts none
 */
public record KafkaSection(
    int port, int partitions, List<String> topics, Duration timeout, Optional<String> bootstrap) {
  /** The partitions of a topic when the section does not say. */
  public static final int DEFAULT_PARTITIONS = 3;

  /** How long the broker may take to come up when the section does not say. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public KafkaSection {
    requireNonNull(timeout, "timeout");
    requireNonNull(bootstrap, "bootstrap");
    topics = List.copyOf(topics);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions: " + partitions + " (expected: >= 1)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
  }

  /** A broker the daemon starts, with {@code topics} and every other setting by default. */
  public static KafkaSection started(List<String> topics) {
    return new KafkaSection(0, DEFAULT_PARTITIONS, topics, DEFAULT_TIMEOUT, Optional.empty());
  }

  /** Whether the daemon starts the broker (no {@code bootstrap} given). */
  public boolean startsBroker() {
    return bootstrap.isEmpty();
  }
}
