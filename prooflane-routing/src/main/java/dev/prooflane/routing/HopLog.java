package dev.prooflane.routing;

import java.util.List;

/**
 * A bounded, thread-safe record of the most recent exchanges, oldest first in every answer.
 *
 * <p>When full, each new record replaces the oldest one.
 */
public interface HopLog {

  /** The kept records whose routing key is {@code key}. */
  List<HopRecord> byKey(String key);

  /** The {@code limit} most recent records. */
  List<HopRecord> recent(int limit);

  /**
   * The kept records with a sequence number greater than {@code seq}; stops before a record that is
   * still being written, so polling with the last seen {@code seq} misses nothing still kept.
   */
  List<HopRecord> since(long seq);

  /**
   * Whether an exchange of trace {@code traceId} has begun and is not recorded yet. A hop is
   * recorded just after its response is written, so a caller may see the outer hop of a trace
   * before an inner one; once this is false, every hop of the trace that began before is readable.
   */
  boolean inFlight(String traceId);

  /**
   * Appends a hop that did not pass the router, such as a message consumption reported by a
   * service, and returns the sequence number the log gave it. It ends no {@link #inFlight}
   * exchange.
   */
  long append(HopRecord hop);

  /** How many records the log keeps at most. */
  int capacity();
}
