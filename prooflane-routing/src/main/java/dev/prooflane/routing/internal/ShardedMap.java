package dev.prooflane.routing.internal;

import static java.util.Objects.requireNonNull;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An immutable hash map whose changed copies share all but one of its {@value #SHARDS} shards with
 * it: a copy with one entry more, less or replaced costs a {@value #SHARDS}th of the map, not the
 * whole map, and the entries two copies differ in are found by comparing their shards by identity
 * ({@link #diff}). This keeps a route table of thousands of sandboxes as cheap to change as a small
 * one. Null keys and values are refused.
 */
public final class ShardedMap<K, V> {
  static final int SHARDS = 64;

  private static final ShardedMap<?, ?> EMPTY = new ShardedMap<>(emptyShards(), 0);

  /** Never changed once the map is made. */
  private final Map<K, V>[] shards;

  private final int size;

  private ShardedMap(Map<K, V>[] shards, int size) {
    this.shards = shards;
    this.size = size;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <K, V> Map<K, V>[] emptyShards() {
    Map<K, V>[] shards = new Map[SHARDS];
    for (int i = 0; i < SHARDS; i++) {
      shards[i] = Map.of();
    }
    return shards;
  }

  /** The map with no entry. */
  @SuppressWarnings("unchecked")
  public static <K, V> ShardedMap<K, V> empty() {
    return (ShardedMap<K, V>) EMPTY;
  }

  public int size() {
    return size;
  }

  /** The value of {@code key}, or null when it has none. */
  public V get(Object key) {
    return shards[shard(key)].get(key);
  }

  /** This map with {@code key} mapped to {@code value} (replacing any). */
  public ShardedMap<K, V> with(K key, V value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    int i = shard(key);
    Map<K, V> shard = new HashMap<>(shards[i]);
    V previous = shard.put(key, value);
    if (previous == value) {
      return this;
    }
    return new ShardedMap<>(replaced(i, shard), previous == null ? size + 1 : size);
  }

  /** This map without {@code key}; unchanged when it has none. */
  public ShardedMap<K, V> without(Object key) {
    int i = shard(key);
    if (key == null || !shards[i].containsKey(key)) {
      return this;
    }
    Map<K, V> shard = new HashMap<>(shards[i]);
    shard.remove(key);
    return new ShardedMap<>(replaced(i, shard), size - 1);
  }

  private Map<K, V>[] replaced(int i, Map<K, V> shard) {
    Map<K, V>[] copy = shards.clone();
    copy[i] = shard;
    return copy;
  }

  /** Calls {@code each} with every entry, in no particular order. */
  public void forEach(BiConsumer<? super K, ? super V> each) {
    for (Map<K, V> shard : shards) {
      shard.forEach(each);
    }
  }

  /** The values, in no particular order: an unmodifiable view. */
  public Collection<V> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<V> iterator() {
        return new Iterator<>() {
          private int next;
          private Iterator<V> in = Map.<K, V>of().values().iterator();

          @Override
          public boolean hasNext() {
            while (!in.hasNext() && next < SHARDS) {
              in = shards[next++].values().iterator();
            }
            return in.hasNext();
          }

          @Override
          public V next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return in.next();
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** A key whose value differs between two maps; null stands for no value. */
  @FunctionalInterface
  public interface Difference<K, V> {
    void accept(K key, V before, V after);
  }

  /**
   * Calls {@code each} with every key whose value in this map differs from ({@link Objects#equals})
   * its value in {@code before}. Only shards that are not the same object in both are compared: for
   * a map made from {@code before} by a few changes, the cost is that of the shards they touched.
   */
  public void diff(ShardedMap<K, V> before, Difference<? super K, ? super V> each) {
    for (int i = 0; i < SHARDS; i++) {
      Map<K, V> was = before.shards[i];
      Map<K, V> is = shards[i];
      if (was == is) {
        continue;
      }
      is.forEach(
          (key, value) -> {
            V old = was.get(key);
            if (!Objects.equals(old, value)) {
              each.accept(key, old, value);
            }
          });
      was.forEach(
          (key, value) -> {
            if (!is.containsKey(key)) {
              each.accept(key, value, null);
            }
          });
    }
  }

  /** How many shards this map and {@code other} hold as the same object (for tests). */
  int sharedShards(ShardedMap<?, ?> other) {
    int shared = 0;
    for (int i = 0; i < SHARDS; i++) {
      shared += shards[i] == other.shards[i] ? 1 : 0;
    }
    return shared;
  }

  private static int shard(Object key) {
    if (key == null) {
      return 0;
    }
    int h = key.hashCode();
    h ^= h >>> 16;
    h *= 0x9E3779B1;
    return (h >>> 26) & (SHARDS - 1);
  }

  @Override
  public String toString() {
    return "ShardedMap[size=" + size + "]";
  }
}
