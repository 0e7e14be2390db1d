package dev.prooflane.kubernetes.runtime;

import dev.prooflane.runtime.LogEntry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the log lines pods wrote after a point in time, through the API server ({@code pods/log}
 * with timestamps), from every container but the mesh's proxies.
 *
 * <p>A line's position ({@link LogEntry#seq()}) is its timestamp in microseconds since the epoch,
 * so a cursor is a point in time and stays valid across pod restarts. The API server does not say
 * which stream a line came from; every line is reported as {@code stdout}.
 */
public final class PodLogs {
  private static final Set<String> PROXIES = Set.of("istio-proxy", "linkerd-proxy");

  private final KubernetesClient client;

  public PodLogs(KubernetesClient client) {
    this.client = client;
  }

  /** The lines written after {@code cursor} (microseconds since the epoch), oldest first. */
  public List<LogEntry> since(String namespace, Map<String, String> selector, long cursor) {
    Instant after = Instant.EPOCH.plus(cursor, ChronoUnit.MICROS);
    // sinceTime has a resolution of seconds: ask from the second, filter to the microsecond.
    String sinceTime = after.truncatedTo(ChronoUnit.SECONDS).toString();
    List<LogEntry> out = new ArrayList<>();
    List<Pod> pods =
        client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
            .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
            .toList();
    for (Pod pod : pods) {
      for (Container c : pod.getSpec().getContainers()) {
        if (PROXIES.contains(c.getName())) {
          continue;
        }
        // null when the pod went away since the list: it has no lines to give.
        String log =
            client.raw(logPath(namespace, pod.getMetadata().getName(), c.getName(), sinceTime));
        parse(log, after, out);
      }
    }
    out.sort(Comparator.comparingLong(LogEntry::seq));
    return out;
  }

  /**
   * The {@code pods/log} request for the lines of {@code container} since {@code sinceTime}, sent
   * as is. The client's {@code getLog()} first waits for the pod to be ready, giving the wait no
   * time: it starts an informer on the pod and stops it at once, which costs a LIST of the pod and,
   * when the stop comes late, a WATCH opened and closed, on every read of a step that polls. Names
   * are DNS labels and the time is ISO-8601, so no part needs escaping.
   */
  private static String logPath(String namespace, String pod, String container, String sinceTime) {
    return "/api/v1/namespaces/"
        + namespace
        + "/pods/"
        + pod
        + "/log?container="
        + container
        + "&sinceTime="
        + sinceTime
        + "&timestamps=true";
  }

  /** The cursor that {@link #since} reads after: now. */
  public static long cursorNow() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  static void parse(String log, Instant after, List<LogEntry> out) {
    if (log == null) {
      return;
    }
    for (String line : log.split("\n")) {
      int space = line.indexOf(' ');
      if (space <= 0) {
        continue;
      }
      Instant time;
      try {
        time = Instant.parse(line.substring(0, space));
      } catch (java.time.format.DateTimeParseException e) {
        continue;
      }
      if (time.isAfter(after)) {
        long seq = ChronoUnit.MICROS.between(Instant.EPOCH, time);
        out.add(new LogEntry(seq, time, "stdout", line.substring(space + 1)));
      }
    }
  }
}
