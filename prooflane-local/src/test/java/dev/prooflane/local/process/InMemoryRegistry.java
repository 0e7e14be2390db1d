package dev.prooflane.local.process;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A registry that forgets everything with the JVM, for tests that need no database. */
final class InMemoryRegistry implements ProcessRegistry {
  private final Map<Long, RegisteredProcess> records = new ConcurrentHashMap<>();

  @Override
  public void add(String id, long pid, Instant startedAt) {
    records.put(pid, new RegisteredProcess(id, pid, startedAt));
  }

  @Override
  public void remove(long pid) {
    records.remove(pid);
  }

  @Override
  public List<RegisteredProcess> all() {
    return List.copyOf(records.values());
  }
}
