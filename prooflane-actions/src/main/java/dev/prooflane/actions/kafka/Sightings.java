package dev.prooflane.actions.kafka;

import dev.prooflane.actions.http.HopPath;
import dev.prooflane.runtime.HopEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code kafka.expect} saw of a topic while it waited: the records read since the run began,
 * those that matched {@code where:}, the consumptions of the topic, and why {@code where:} could
 * not judge some record; its timeout message tells them.
 */
final class Sightings {
  private static final int LISTED = 5;

  private final String topic;
  private final List<RecordView> matching = new ArrayList<>();
  private List<HopEntry> consumptions = List.of();
  private long read;
  private long unjudged;
  private String whereProblem;
  private boolean topicFound;

  Sightings(String topic) {
    this.topic = topic;
  }

  void topicFound() {
    topicFound = true;
  }

  void read(RecordView record, boolean matches) {
    read++;
    if (matches) {
      matching.add(record);
    }
  }

  void unjudged(String problem) {
    read++;
    unjudged++;
    whereProblem = problem;
  }

  void consumptions(List<HopEntry> hops) {
    consumptions = List.copyOf(hops);
  }

  List<RecordView> matching() {
    return matching;
  }

  /**
   * {@code 3 record(s) on orders since the run began, 1 matching (orders/0@12: not consumed);
   * consumptions of orders: notifier (baseline) 2}.
   */
  String describe() {
    if (!topicFound) {
      return "topic '" + topic + "' does not exist on the broker (no partitions)";
    }
    StringBuilder text =
        new StringBuilder()
            .append(read)
            .append(" record(s) on ")
            .append(topic)
            .append(" since the run began, ")
            .append(matching.size())
            .append(" matching");
    if (!matching.isEmpty()) {
      List<String> shown = new ArrayList<>();
      for (RecordView r : matching.subList(0, Math.min(LISTED, matching.size()))) {
        List<String> by =
            consumptions.stream()
                .filter(h -> r.is(h.record()))
                .map(h -> h.service() + " (" + HopPath.where(h.destination()) + ")")
                .distinct()
                .toList();
        shown.add(
            r.where()
                + (by.isEmpty() ? ": not consumed" : ": consumed by " + String.join(", ", by)));
      }
      text.append(" (")
          .append(String.join("; ", shown))
          .append(matching.size() > LISTED ? "; ..." : "")
          .append(")");
    }
    if (unjudged > 0) {
      text.append("; where: failed on ")
          .append(unjudged)
          .append(" record(s), last: ")
          .append(whereProblem);
    }
    Map<String, Integer> byInstance = new LinkedHashMap<>();
    for (HopEntry h : consumptions) {
      byInstance.merge(h.service() + " (" + HopPath.where(h.destination()) + ")", 1, Integer::sum);
    }
    text.append("; consumptions of ").append(topic).append(": ");
    if (byInstance.isEmpty()) {
      text.append("none reported");
    } else {
      List<String> parts = new ArrayList<>();
      byInstance.forEach((who, n) -> parts.add(who + " " + n));
      text.append(String.join(", ", parts));
    }
    return text.toString();
  }
}
