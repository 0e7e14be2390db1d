package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The observed state of the environment's PostgreSQL server, as {@code GET /status} shows it.
 *
 * @param address where services reach it ({@code host:port})
 * @param state {@code running} or {@code exited} for the server the daemon started, {@code
 *     external} for one named by {@code postgres.url}
 * @param pid the server's process id, or 0 for an external one
 * @param databases the baseline's databases on it
 * @param branches how many sandbox branches it holds
 */
public record PostgresStatus(
    String address, String state, long pid, List<String> databases, int branches) {
  public PostgresStatus {
    requireNonNull(address, "address");
    requireNonNull(state, "state");
    databases = List.copyOf(databases);
  }
}
