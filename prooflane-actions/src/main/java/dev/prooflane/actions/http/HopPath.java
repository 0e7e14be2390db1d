package dev.prooflane.actions.http;

import dev.prooflane.runtime.HopEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The hops of one request as a step's message tells them: which instance served each, in the order
 * the router received them, and which of them the sandbox's forks served.
 */
public final class HopPath {
  /** Oldest arrival first (a hop's time is when its request arrived); the sequence breaks ties. */
  public static final Comparator<HopEntry> ARRIVAL =
      Comparator.comparing(HopEntry::time, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingLong(HopEntry::seq);

  private static final int LISTED = 12;

  private HopPath() {}

  /**
   * {@code , pricing served by sandbox pr-42 (hops: frontend (baseline) -> catalog (baseline) ->
   * pricing (sandbox pr-42))}; for a request sent without the key only the hops; empty without
   * hops.
   *
   * @param hops the request's hops, in arrival order
   * @param sandbox the sandbox whose key the request carried, or null when it carried none
   */
  public static String describe(List<HopEntry> hops, String sandbox) {
    if (hops.isEmpty()) {
      return "";
    }
    List<String> steps = new ArrayList<>();
    for (HopEntry h : hops.subList(0, Math.min(hops.size(), LISTED))) {
      String where = where(h.destination());
      steps.add(
          h.service()
              + " ("
              + where
              + (sandbox != null && h.routingKey() == null ? ", no key" : "")
              + ")");
    }
    String path =
        "(hops: "
            + String.join(" -> ", steps)
            + (hops.size() > LISTED ? " -> ... (" + hops.size() + " in all)" : "")
            + ")";
    if (sandbox == null) {
      return " " + path;
    }
    List<String> forked =
        hops.stream()
            .filter(h -> sandbox.equals(h.destination()))
            .map(HopEntry::service)
            .distinct()
            .toList();
    return forked.isEmpty()
        ? ", no hop served by sandbox " + sandbox + " " + path
        : ", " + String.join(" and ", forked) + " served by sandbox " + sandbox + " " + path;
  }

  /** {@code baseline}, {@code refused}, or {@code sandbox NAME}: who served a hop. */
  public static String where(String destination) {
    return "baseline".equals(destination) || "refused".equals(destination)
        ? destination
        : "sandbox " + destination;
  }
}
