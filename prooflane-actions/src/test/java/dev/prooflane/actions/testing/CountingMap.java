package dev.prooflane.actions.testing;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A map that counts the lookups of its keys ({@code get}, {@code containsKey}), to see how often
 * expressions read it.
 */
public final class CountingMap extends AbstractMap<String, Object> {
  private final Map<String, Object> entries;
  private final AtomicInteger lookups;

  public CountingMap(Map<String, Object> entries, AtomicInteger lookups) {
    this.entries = Map.copyOf(entries);
    this.lookups = lookups;
  }

  @Override
  public Object get(Object key) {
    lookups.incrementAndGet();
    return entries.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    lookups.incrementAndGet();
    return entries.containsKey(key);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return entries.entrySet();
  }
}
