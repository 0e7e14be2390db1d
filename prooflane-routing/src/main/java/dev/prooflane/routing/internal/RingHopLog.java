package dev.prooflane.routing.internal;

import dev.prooflane.routing.HopLog;
import dev.prooflane.routing.HopRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A lock-free ring of hop records: writers claim a sequence number and fill its slot; readers check
 * each slot's sequence to skip overwritten or unfinished ones.
 */
final class RingHopLog implements HopLog {
  private final AtomicReferenceArray<HopRecord> slots;
  private final AtomicLong lastSeq = new AtomicLong();
  private final int capacity;

  /** How many exchanges of each trace have begun and are not recorded yet (traced ones only). */
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  RingHopLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
    }
    this.capacity = capacity;
    this.slots = new AtomicReferenceArray<>(capacity);
  }

  /**
   * An exchange of trace {@code traceId} (null when it carries none) began: the trace is {@link
   * #inFlight} until its record is {@link #add added}.
   */
  void opened(String traceId) {
    if (traceId != null) {
      open.merge(traceId, 1, Integer::sum);
    }
  }

  @Override
  public long append(HopRecord hop) {
    long seq = lastSeq.incrementAndGet();
    slots.set(slot(seq), hop.withSeq(seq));
    return seq;
  }

  @Override
  public boolean inFlight(String traceId) {
    return traceId != null && open.containsKey(traceId);
  }

  /**
   * Appends {@code hop} (its sequence number is the log's to give) and returns its sequence number;
   * the record ends one {@link #opened} exchange of its trace, once it is readable.
   */
  long add(HopRecord hop) {
    long seq = append(hop);
    String traceId = hop.traceId();
    if (traceId != null) {
      open.computeIfPresent(traceId, (id, n) -> n == 1 ? null : n - 1);
    }
    return seq;
  }

  @Override
  public List<HopRecord> byKey(String key) {
    List<HopRecord> out = new ArrayList<>();
    long last = lastSeq.get();
    for (long seq = Math.max(1, last - capacity + 1); seq <= last; seq++) {
      HopRecord hop = at(seq);
      if (hop != null && Objects.equals(hop.routingKey(), key)) {
        out.add(hop);
      }
    }
    return out;
  }

  @Override
  public List<HopRecord> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
    }
    List<HopRecord> out = new ArrayList<>(Math.min(limit, capacity));
    long last = lastSeq.get();
    long first = Math.max(1, last - capacity + 1);
    for (long seq = last; seq >= first && out.size() < limit; seq--) {
      HopRecord hop = at(seq);
      if (hop != null) {
        out.add(hop);
      }
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public List<HopRecord> since(long seq) {
    List<HopRecord> out = new ArrayList<>();
    long last = lastSeq.get();
    for (long s = Math.max(seq + 1, Math.max(1, last - capacity + 1)); s <= last; s++) {
      HopRecord hop = at(s);
      if (hop == null) {
        if (s > lastSeq.get() - capacity) {
          break;
        }
        continue;
      }
      out.add(hop);
    }
    return out;
  }

  @Override
  public int capacity() {
    return capacity;
  }

  private HopRecord at(long seq) {
    HopRecord hop = slots.get(slot(seq));
    return hop != null && hop.seq() == seq ? hop : null;
  }

  private int slot(long seq) {
    return (int) (seq % capacity);
  }
}
