package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A process a supervisor started and has not seen exit, as the {@link ProcessRegistry} recorded it.
 *
 * @param id the instance id, such as {@code baseline/pricing}
 * @param pid the operating-system process id
 * @param startedAt the process's start instant as the OS reports it; compared on reaping so that a
 *     reused pid is never killed
 */
public record RegisteredProcess(String id, long pid, Instant startedAt) {
  public RegisteredProcess {
    requireNonNull(id, "id");
    requireNonNull(startedAt, "startedAt");
  }
}
