package dev.prooflane.actions.probe;

import dev.prooflane.actions.http.HopPath;
import dev.prooflane.runtime.PropagationDrop;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A probe's result as people read it: hop by hop, where the key stopped, what to do. */
public final class ProbeText {
  private ProbeText() {}

  /** The whole text, lines ending in {@code \n}. */
  public static String of(ProbeResult r) {
    StringBuilder out = new StringBuilder();
    out.append("probe GET ")
        .append(r.path())
        .append(" via ")
        .append(r.service())
        .append(" with throwaway key ")
        .append(r.key())
        .append(" and trace ")
        .append(r.traceId())
        .append(": ")
        .append(r.error() == null ? "answered " + r.status() : "no answer (" + r.error() + ")")
        .append('\n');
    if (r.hops().isEmpty()) {
      out.append("the router recorded no hop of the probe\n");
    } else {
      out.append("hops, in the order they arrived:\n");
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("SERVICE", "SERVED BY", "REQUEST", "KEY", "TRACEPARENT"));
      for (ProbeHop h : r.hops()) {
        rows.add(
            List.of(
                h.service(),
                HopPath.where(h.destination()),
                h.method() + " " + h.path() + " -> " + h.status(),
                h.keyArrived() ? "arrived" : "MISSING",
                (h.traceArrived()
                        ? "arrived"
                        : h.traceId() == null ? "MISSING" : "MISSING (another trace)")
                    + ("time".equals(h.matchedBy()) ? "  (matched by time)" : "")));
      }
      table(out, rows);
    }
    if (r.keyTravelled()) {
      out.append("the key travelled along every hop the router saw (")
          .append(r.hops().size())
          .append(r.hops().size() == 1 ? " hop" : " hops")
          .append("): nothing to fix on this path\n");
    }
    Set<PropagationDrop> explained = new HashSet<>();
    if (!r.stops().isEmpty()) {
      out.append("where the key stopped:\n");
      for (ProbeStop s : r.stops()) {
        out.append("  ")
            .append(s.service())
            .append(" (")
            .append(HopPath.where(s.destination()))
            .append("), serving ")
            .append(s.method())
            .append(' ')
            .append(s.path())
            .append(", called ")
            .append(String.join(", ", s.calledWithoutKey()))
            .append(" without the key")
            .append(
                s.traceKept()
                    ? " (the traceparent still arrived)"
                    : " and without the trace (matched by the time it arrived: another client's"
                        + " request at the same moment would look the same)")
            .append('\n');
        if (s.callSites().isEmpty()) {
          out.append("    call site: unknown (no drop detector record for this service)\n");
        }
        for (PropagationDrop.CallSite site : s.callSites()) {
          out.append("    call site: ").append(site).append('\n');
        }
        r.drops().stream()
            .filter(d -> d.service().equals(s.service()) && d.destination().equals(s.destination()))
            .forEach(explained::add);
      }
    }
    List<PropagationDrop> others = r.drops().stream().filter(d -> !explained.contains(d)).toList();
    if (!others.isEmpty()) {
      out.append("the drop detectors also saw these calls without the key:\n");
      for (PropagationDrop d : others) {
        out.append("  ")
            .append(d.service())
            .append(" (")
            .append(HopPath.where(d.destination()))
            .append(") -> ")
            .append(d.outbound() == null ? "?" : d.outbound().describe())
            .append(d.callSite() == null ? "" : " at " + d.callSite())
            .append('\n');
      }
    }
    if (r.malformedDropLines() > 0) {
      out.append("(")
          .append(r.malformedDropLines())
          .append(" malformed line(s) in the drop record files were skipped)\n");
    }
    if (!r.advice().isEmpty()) {
      out.append("what to do:\n");
      r.advice().forEach(a -> out.append("  - ").append(a).append('\n'));
    }
    return out.toString();
  }

  private static void table(StringBuilder out, List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.size(); i++) {
        line.append(
            i == row.size() - 1
                ? row.get(i)
                : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
