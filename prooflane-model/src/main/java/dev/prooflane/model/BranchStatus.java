package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

/**
 * One database branch of a sandbox, as last measured.
 *
 * @param database the environment's database it replaces for the sandbox's forks
 * @param name the branch's database name on the server
 * @param mode what it started with
 * @param sizeBytes its size ({@code pg_database_size})
 * @param tookMillis how long making it took (the migration not included)
 */
public record BranchStatus(
    String database, String name, BranchMode mode, long sizeBytes, long tookMillis) {
  public BranchStatus {
    requireNonNull(database, "database");
    requireNonNull(name, "name");
    requireNonNull(mode, "mode");
  }
}
