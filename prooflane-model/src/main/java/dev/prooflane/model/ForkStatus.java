package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

/**
 * The observed state of one fork.
 *
 * @param service the forked service
 * @param state {@code starting}, {@code running}, {@code exited} or {@code stopped}
 * @param port the loopback port the fork listens on, or 0 before it has one
 * @param pid the fork's process id, or 0 when none runs
 * @param message what went wrong, or empty
 */
public record ForkStatus(String service, String state, int port, long pid, String message) {
  public ForkStatus {
    requireNonNull(service, "service");
    requireNonNull(state, "state");
    requireNonNull(message, "message");
  }
}
