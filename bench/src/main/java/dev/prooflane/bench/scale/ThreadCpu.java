package dev.prooflane.bench.scale;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time a process's threads used so far, user and system, summed by thread name with its
 * digits dropped ({@code vert.x-worker-thread-3} counts as {@code vert.x-worker-thread-}), read
 * from Linux's {@code /proc/PID/task}: it tells which part of a daemon a growing cost is in, kernel
 * time included, without a profiler. Threads that ended between two snapshots are not counted.
 */
final class ThreadCpu {
  private final Map<String, long[]> byName;

  private ThreadCpu(Map<String, long[]> byName) {
    this.byName = byName;
  }

  /** The threads of {@code pid} now. */
  static ThreadCpu of(long pid) {
    Map<String, long[]> byName = new HashMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long[] sum = byName.computeIfAbsent(name.replaceAll("[0-9]+", ""), k -> new long[2]);
        sum[0] += Long.parseLong(f[11]);
        sum[1] += Long.parseLong(f[12]);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return new ThreadCpu(byName);
  }

  /**
   * The {@code top} thread names by CPU used since {@code before}, each as {@code name user+sys} in
   * milliseconds per {@code per} (creations).
   */
  String since(ThreadCpu before, int per, int top) {
    List<Map.Entry<String, long[]>> rows = new ArrayList<>();
    byName.forEach(
        (name, now) -> {
          long[] then = before.byName.getOrDefault(name, new long[2]);
          rows.add(Map.entry(name, new long[] {now[0] - then[0], now[1] - then[1]}));
        });
    rows.sort(
        (a, b) ->
            Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, long[]> row : rows.subList(0, Math.min(top, rows.size()))) {
      // a tick is 10 ms (USER_HZ 100)
      out.append(
          String.format(
              Locale.ROOT,
              "    %-28s %5.1f + %5.1f%n",
              row.getKey(),
              row.getValue()[0] * 10.0 / per,
              row.getValue()[1] * 10.0 / per));
    }
    return out.toString();
  }
}
