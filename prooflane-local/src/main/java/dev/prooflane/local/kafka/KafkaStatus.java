package dev.prooflane.local.kafka;

import static java.util.Objects.requireNonNull;

/**
 * The observed state of the environment's Kafka broker, as {@code GET /status} shows it.
 *
 * @param bootstrap where clients reach it ({@code host:port} list)
 * @param state {@code running} or {@code exited} for the broker the daemon started, {@code
 *     external} for one named by {@code bootstrap}
 * @param pid the broker's process id, or 0 for an external one
 * @param message what went wrong (such as the exit code and where its log is), or empty
 */
public record KafkaStatus(String bootstrap, String state, long pid, String message) {
  public KafkaStatus {
    requireNonNull(bootstrap, "bootstrap");
    requireNonNull(state, "state");
    requireNonNull(message, "message");
  }
}
