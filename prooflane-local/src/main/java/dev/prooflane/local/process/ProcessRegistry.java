package dev.prooflane.local.process;

import java.time.Instant;
import java.util.List;

/**
 * Durable record of the processes a daemon has running, so that a daemon restarted after a crash
 * can reap what the previous one left behind (see {@link OrphanReaper}).
 *
 * <p>Implementations must be thread-safe: records are added and removed from process threads.
 */
public interface ProcessRegistry {
  /** Records a started process; replaces any record with the same pid. */
  void add(String id, long pid, Instant startedAt);

  /** Forgets the process with this pid; does nothing when there is no such record. */
  void remove(long pid);

  /** Every recorded process. */
  List<RegisteredProcess> all();
}
