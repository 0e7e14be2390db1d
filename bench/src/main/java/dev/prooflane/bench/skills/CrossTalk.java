package dev.prooflane.bench.skills;

import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.server.Daemon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds cross-talk: a hop or a response of one sandbox's run that belongs to another sandbox (or to
 * the baseline where a fork should have answered). Each finding is one line of text.
 */
final class CrossTalk {
  private CrossTalk() {}

  /**
   * What in one run points at another sandbox: its coverage's keyed hops, the hops of its HTTP
   * exchanges (found by trace id, not by key), and the hops the services themselves reported in the
   * response body (each fork knows its sandbox from PROOFLANE_SANDBOX).
   */
  static List<String> inRun(String name, String key, RunResult r) {
    List<String> out = new ArrayList<>();
    if (r.coverage() == null || r.coverage().keyedHops().isEmpty()) {
      out.add(name + ": no keyed hops in its coverage");
    } else {
      for (HopEntry h : r.coverage().keyedHops()) {
        checkHop(name, key, "coverage", h, out);
      }
      if (r.coverage().keyedHops().stream().noneMatch(h -> h.service().equals("pricing"))) {
        out.add(name + ": coverage has no pricing hop");
      }
    }
    for (StepResult st : r.steps()) {
      for (Exchange e : st.exchanges()) {
        for (HopEntry h : e.hops()) {
          checkHop(name, key, "exchange " + st.id(), h, out);
        }
      }
      if (st.action().equals("http") && st.outputs().get("body") instanceof Map<?, ?> body) {
        reportedHops(name, st.id(), body, out);
      }
    }
    return out;
  }

  private static void reportedHops(String name, String step, Map<?, ?> body, List<String> out) {
    if (!(body.get("hops") instanceof List<?> hops) || hops.isEmpty()) {
      out.add(name + ": response of " + step + " has no hops");
      return;
    }
    for (Object o : hops) {
      Map<?, ?> hop = (Map<?, ?>) o;
      String service = String.valueOf(hop.get("service"));
      String servedBy = String.valueOf(hop.get("servedBy"));
      if (!servedBy.equals(expectedDestination(name, service))) {
        out.add(name + ": response says " + service + " served by " + servedBy);
      }
    }
  }

  private static void checkHop(
      String name, String key, String where, HopEntry h, List<String> out) {
    String want = expectedDestination(name, h.service());
    if (!key.equals(h.routingKey()) || !want.equals(h.destination())) {
      out.add(
          name
              + ": "
              + where
              + " hop "
              + h.service()
              + " key="
              + h.routingKey()
              + " -> "
              + h.destination()
              + " (expected key "
              + key
              + " -> "
              + want
              + ")");
    }
  }

  /** Only pricing is forked: its keyed hops go to the sandbox, every other one to the baseline. */
  private static String expectedDestination(String sandbox, String service) {
    return service.equals("pricing") ? sandbox : "baseline";
  }

  /**
   * Router-wide, since hop {@code cursor}: every hop served by a sandbox carried that sandbox's
   * key, and every pricing hop with a sandbox's key was served by it.
   */
  static List<String> inRouter(Daemon daemon, long cursor, Map<String, String> keys) {
    List<String> out = new ArrayList<>();
    Map<String, String> sandboxOfKey = new HashMap<>();
    keys.forEach((sb, k) -> sandboxOfKey.put(k, sb));
    for (HopRecord h : daemon.runtime().hops().since(cursor)) {
      String fromKey = h.routingKey() == null ? null : sandboxOfKey.get(h.routingKey());
      if (!h.destination().equals("baseline") && !h.destination().equals(fromKey)) {
        out.add(
            "router: hop "
                + h.service()
                + " key="
                + h.routingKey()
                + " served by "
                + h.destination());
      }
      if (fromKey != null && h.service().equals("pricing") && !h.destination().equals(fromKey)) {
        out.add("router: pricing hop with key of " + fromKey + " served by " + h.destination());
      }
    }
    return out;
  }

  /** The sequence number of the last hop recorded so far (0 when there is none). */
  static long lastHop(Daemon daemon) {
    List<HopRecord> last = daemon.runtime().hops().recent(1);
    return last.isEmpty() ? 0 : last.get(0).seq();
  }
}
