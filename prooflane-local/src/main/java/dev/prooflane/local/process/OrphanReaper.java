package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kills what a previous daemon left running: run at daemon start, before anything is started.
 *
 * <p>A daemon killed with SIGKILL cannot stop its children; their pids stay in the registry. A
 * recorded pid is only killed when the process with that pid started at the recorded instant
 * (within {@link #START_TOLERANCE}), so a pid the OS has since given to another program is left
 * alone.
 */
public final class OrphanReaper {
  /** How far the recorded and the observed start instants may differ for the same process. */
  public static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private OrphanReaper() {}

  /**
   * Stops every recorded process that still runs, with its descendants (SIGTERM, then SIGKILL after
   * {@code grace}), and removes all records.
   *
   * @return one human-readable line per reaped process, such as {@code pr-42/pricing (pid 4242,
   *     started 2026-11-02T10:00:00Z) and 2 descendants}; empty when nothing was left
   */
  public static List<String> reap(ProcessRegistry registry, Duration grace) {
    requireNonNull(registry, "registry");
    requireNonNull(grace, "grace");
    List<ProcessHandle> roots = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    List<RegisteredProcess> records = registry.all();
    for (RegisteredProcess record : records) {
      Optional<ProcessHandle> handle = sameProcess(record);
      if (handle.isPresent()) {
        long descendants = handle.get().descendants().count();
        roots.add(handle.get());
        lines.add(
            record.id()
                + " (pid "
                + record.pid()
                + ", started "
                + record.startedAt()
                + ")"
                + (descendants == 0 ? "" : " and " + descendants + " descendants"));
      }
    }
    ProcessTree.terminate(roots, grace);
    // Only the records read above: a supervisor started meanwhile keeps its own.
    for (RegisteredProcess record : records) {
      registry.remove(record.pid());
    }
    return lines;
  }

  private static Optional<ProcessHandle> sameProcess(RegisteredProcess record) {
    if (record.pid() == ProcessHandle.current().pid()) {
      return Optional.empty();
    }
    return ProcessHandle.of(record.pid())
        .filter(ProcessTree::isRunning)
        .filter(
            handle ->
                handle
                    .info()
                    .startInstant()
                    .map(
                        started ->
                            Duration.between(started, record.startedAt())
                                    .abs()
                                    .compareTo(START_TOLERANCE)
                                <= 0)
                    // Without a start instant the pid cannot be told from a reused one: spare it.
                    .orElse(false));
  }
}
