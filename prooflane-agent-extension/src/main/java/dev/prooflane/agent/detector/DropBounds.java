package dev.prooflane.agent.detector;

import java.util.HashMap;
import java.util.Map;

/**
 * How many records one call site may write for one trace: a loop that drops the key a thousand
 * times in one request is one record, not a thousand. The memory it holds is bounded too: past
 * {@link #MAX_ENTRIES} call-site-and-trace pairs it forgets them all and starts again.
 */
final class DropBounds {

  static final int MAX_ENTRIES = 10_000;

  private final int perCallSite;
  private final Map<String, Integer> counts = new HashMap<>();

  DropBounds(int perCallSite) {
    this.perCallSite = perCallSite;
  }

  /** Whether one more record of this call site in this trace may be written (and count it). */
  synchronized boolean admit(StackTraceElement callSite, String traceId) {
    String site =
        callSite == null
            ? "?"
            : callSite.getClassName()
                + '#'
                + callSite.getMethodName()
                + ':'
                + callSite.getLineNumber();
    String entry = site + ' ' + (traceId == null ? "-" : traceId);
    int seen = counts.getOrDefault(entry, 0);
    if (seen >= perCallSite) {
      return false;
    }
    if (counts.size() >= MAX_ENTRIES) {
      counts.clear();
    }
    counts.put(entry, seen + 1);
    return true;
  }
}
