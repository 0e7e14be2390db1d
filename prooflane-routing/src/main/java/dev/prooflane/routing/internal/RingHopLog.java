package dev.prooflane.routing.internal;

import dev.prooflane.routing.HopLog;
import dev.prooflane.routing.HopRecord;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A ring of hop records kept as numbers and bytes in arrays made once, not as objects: the garbage
 * collector neither copies nor scans the records the router keeps, so keeping the last 10,000 does
 * not lengthen its pauses (it did: a young collection copied every kept record still young, 3 to 9
 * ms instead of 1 to 2 at 25,000 requests a second). A record whose text does not fit its slot (a
 * field longer than {@value #MAX_FIELD} characters, or one outside ASCII) or that names a consumed
 * message is kept whole, as an object, in its slot instead.
 *
 * <p>Writers take turns (a lock held while a slot is filled, no I/O under it); readers take none:
 * each slot's sequence number says which record it holds, is negated while the slot is rewritten,
 * and is read before and after a copy of the slot, which counts only when both readings agree.
 */
final class RingHopLog implements HopLog {
  /** The longest text field a slot holds, in characters. */
  static final int MAX_FIELD = 254;

  /** Bytes of text per slot: a length byte and the characters of each of {@link #FIELDS}. */
  private static final int TEXT = 320;

  /**
   * Text fields per record: trace id, key, service, destination, upstream, method, path, protocol.
   */
  private static final int FIELDS = 8;

  /** Numbers per slot (64 bytes): seconds, nanos, status, duration, bytes in and out, gRPC. */
  private static final int NUMBERS = 8;

  private static final int ABSENT = 0xFF;
  private static final long NO_GRPC_STATUS = Long.MIN_VALUE;

  private final int capacity;
  private final AtomicLongArray seqs;
  private final long[] numbers;
  private final byte[] text;
  private final AtomicReferenceArray<HopRecord> whole;
  private volatile long lastSeq;

  /** Held by the writer filling a slot. */
  private final Object writing = new Object();

  /** How many exchanges of each trace have begun and are not recorded yet (traced ones only). */
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  /**
   * @param capacity how many records the log keeps (about 400 bytes each, allocated now)
   */
  RingHopLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
    }
    this.capacity = capacity;
    this.seqs = new AtomicLongArray(capacity);
    this.numbers = new long[Math.multiplyExact(capacity, NUMBERS)];
    this.text = new byte[Math.multiplyExact(capacity, TEXT)];
    this.whole = new AtomicReferenceArray<>(capacity);
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
    synchronized (writing) {
      return write(hop);
    }
  }

  private long write(HopRecord hop) {
    long seq = lastSeq + 1;
    int slot = slot(seq);
    seqs.set(slot, -seq);
    // the mark above is seen before any of the writes below
    VarHandle.releaseFence();
    if (hop.record() == null && fill(slot, hop)) {
      if (whole.get(slot) != null) {
        whole.set(slot, null);
      }
    } else {
      whole.set(slot, hop.withSeq(seq));
    }
    seqs.set(slot, seq);
    lastSeq = seq;
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
    long last = lastSeq;
    Slot copy = new Slot();
    for (long seq = Math.max(1, last - capacity + 1); seq <= last; seq++) {
      if (copy.read(seq) && copy.keyIs(key)) {
        out.add(copy.record(seq));
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
    long last = lastSeq;
    long first = Math.max(1, last - capacity + 1);
    Slot copy = new Slot();
    for (long seq = last; seq >= first && out.size() < limit; seq--) {
      if (copy.read(seq)) {
        out.add(copy.record(seq));
      }
    }
    Collections.reverse(out);
    return out;
  }

  @Override
  public List<HopRecord> since(long seq) {
    List<HopRecord> out = new ArrayList<>();
    long last = lastSeq;
    Slot copy = new Slot();
    // every record up to lastSeq is complete: one that cannot be read was overwritten
    for (long s = Math.max(seq + 1, Math.max(1, last - capacity + 1)); s <= last; s++) {
      if (copy.read(s)) {
        out.add(copy.record(s));
      }
    }
    return out;
  }

  @Override
  public int capacity() {
    return capacity;
  }

  /** Writes {@code hop} into {@code slot}; false, having written nothing, when it does not fit. */
  private boolean fill(int slot, HopRecord hop) {
    if (!fits(hop)) {
      return false;
    }
    int n = slot * NUMBERS;
    numbers[n] = hop.time().getEpochSecond();
    numbers[n + 1] = hop.time().getNano();
    numbers[n + 2] = hop.status();
    numbers[n + 3] = hop.durationMicros();
    numbers[n + 4] = hop.bytesIn();
    numbers[n + 5] = hop.bytesOut();
    numbers[n + 6] = hop.grpcStatus() == null ? NO_GRPC_STATUS : hop.grpcStatus();
    int at = slot * TEXT;
    at = put(at, hop.traceId());
    at = put(at, hop.routingKey());
    at = put(at, hop.service());
    at = put(at, hop.destination());
    at = put(at, hop.upstream());
    at = put(at, hop.method());
    at = put(at, hop.path());
    put(at, hop.protocol());
    return true;
  }

  private static boolean fits(HopRecord hop) {
    int total =
        FIELDS
            + size(hop.traceId())
            + size(hop.routingKey())
            + size(hop.service())
            + size(hop.destination())
            + size(hop.upstream())
            + size(hop.method())
            + size(hop.path())
            + size(hop.protocol());
    return total <= TEXT;
  }

  /** The bytes {@code field} takes in a slot, or more than a slot holds when it cannot be kept. */
  private static int size(String field) {
    if (field == null) {
      return 0;
    }
    int length = field.length();
    if (length > MAX_FIELD) {
      return TEXT + 1;
    }
    for (int k = 0; k < length; k++) {
      if (field.charAt(k) >= 0x80) {
        return TEXT + 1;
      }
    }
    return length;
  }

  private int put(int at, String field) {
    if (field == null) {
      text[at] = (byte) ABSENT;
      return at + 1;
    }
    int length = field.length();
    text[at++] = (byte) length;
    for (int k = 0; k < length; k++) {
      text[at++] = (byte) field.charAt(k);
    }
    return at;
  }

  private int slot(long seq) {
    return (int) (seq % capacity);
  }

  /** A reader's copy of one slot, reused from slot to slot. */
  private final class Slot {
    private final long[] copiedNumbers = new long[NUMBERS];
    private final byte[] copiedText = new byte[TEXT];
    private HopRecord copiedWhole;

    /** Copies the slot of record {@code seq}; false when it no longer holds that record. */
    boolean read(long seq) {
      int slot = slot(seq);
      if (seqs.get(slot) != seq) {
        return false;
      }
      copiedWhole = whole.get(slot);
      System.arraycopy(numbers, slot * NUMBERS, copiedNumbers, 0, NUMBERS);
      System.arraycopy(text, slot * TEXT, copiedText, 0, TEXT);
      // the copies above are made before the sequence number is read again
      VarHandle.acquireFence();
      return seqs.get(slot) == seq;
    }

    /** Whether the copied record's routing key is {@code key}. */
    boolean keyIs(String key) {
      if (copiedWhole != null) {
        return key == null
            ? copiedWhole.routingKey() == null
            : key.equals(copiedWhole.routingKey());
      }
      int at = skip(0);
      int length = copiedText[at] & 0xFF;
      if (length == ABSENT || key == null) {
        return length == ABSENT && key == null;
      }
      if (length != key.length()) {
        return false;
      }
      for (int k = 0; k < length; k++) {
        if (copiedText[at + 1 + k] != key.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    /** The copied record, as the record {@code seq}. */
    HopRecord record(long seq) {
      if (copiedWhole != null) {
        return copiedWhole;
      }
      String[] fields = new String[FIELDS];
      int at = 0;
      for (int f = 0; f < FIELDS; f++) {
        int length = copiedText[at] & 0xFF;
        if (length != ABSENT) {
          fields[f] = new String(copiedText, at + 1, length, StandardCharsets.US_ASCII);
        }
        at = skip(at);
      }
      long grpc = copiedNumbers[6];
      return new HopRecord(
          seq,
          Instant.ofEpochSecond(copiedNumbers[0], copiedNumbers[1]),
          fields[0],
          fields[1],
          fields[2],
          fields[3],
          fields[4],
          fields[5],
          fields[6],
          (int) copiedNumbers[2],
          copiedNumbers[3],
          fields[7],
          grpc == NO_GRPC_STATUS ? null : (int) grpc,
          copiedNumbers[4],
          copiedNumbers[5]);
    }

    /** The position of the field after the one at {@code at}. */
    private int skip(int at) {
      int length = copiedText[at] & 0xFF;
      return at + 1 + (length == ABSENT ? 0 : length);
    }
  }
}
