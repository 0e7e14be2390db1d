package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

/**
 * The observed state of one baseline service.
 *
 * @param name the service
 * @param routerUrl where callers reach the service (through the router)
 * @param state {@code starting}, {@code running} or {@code exited}
 * @param instancePort the loopback port the baseline process listens on
 * @param pid the baseline process id, or 0
 * @param message what went wrong, or empty
 * @param restarts how often its baseline instance exited unasked and was started again since the
 *     daemon started
 */
public record ServiceStatus(
    String name,
    String routerUrl,
    String state,
    int instancePort,
    long pid,
    String message,
    int restarts) {
  public ServiceStatus {
    requireNonNull(name, "name");
    requireNonNull(routerUrl, "routerUrl");
    requireNonNull(state, "state");
    requireNonNull(message, "message");
  }
}
