package dev.prooflane.local.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Stops whole process trees: polite termination first, then a kill for whatever survives. */
final class ProcessTree {
  /** How long to wait for processes to disappear after SIGKILL before giving up. */
  private static final Duration AFTER_KILL = Duration.ofSeconds(5);

  private ProcessTree() {}

  /**
   * Whether the process still runs. Unlike {@link ProcessHandle#isAlive()} a zombie counts as gone:
   * a killed grandchild is re-parented to PID 1, and under an init that reaps late (or never, as in
   * many containers) it would otherwise look alive and make every stop wait out its grace period.
   */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // "pid (command) S ...": the command may itself contain ") ", so look after the last one.
      int end = stat.lastIndexOf(')');
      char state = end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'R';
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      // No /proc (macOS) or the process just went away: the JDK's answer is the best there is.
      return process.isAlive();
    }
  }

  /**
   * Every process of the trees rooted at {@code roots}, roots first. Descendants are collected
   * before anything is signalled: once a parent dies its children are re-parented and can no longer
   * be found from it.
   */
  static List<ProcessHandle> collect(List<ProcessHandle> roots) {
    Set<ProcessHandle> all = new LinkedHashSet<>();
    for (ProcessHandle root : roots) {
      all.add(root);
      all.addAll(descendants(root));
    }
    return new ArrayList<>(all);
  }

  /**
   * The descendants of {@code root}, read on Linux from each process's {@code
   * /proc/PID/task/TID/children}, so that stopping one fork among a thousand reads its own tree
   * only; elsewhere (or without those files) the JDK's, which reads every process of the machine.
   */
  static List<ProcessHandle> descendants(ProcessHandle root) {
    if (!Files.isReadable(children(root.pid(), root.pid()))) {
      return root.descendants().toList();
    }
    List<ProcessHandle> found = new ArrayList<>();
    Deque<Long> next = new ArrayDeque<>(List.of(root.pid()));
    Set<Long> seen = new HashSet<>(next);
    while (!next.isEmpty()) {
      long pid = next.removeFirst();
      for (long child : childrenOf(pid)) {
        if (seen.add(child)) {
          ProcessHandle.of(child).ifPresent(found::add);
          next.addLast(child);
        }
      }
    }
    return found;
  }

  private static List<Long> childrenOf(long pid) {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", pid + "", "task"))) {
      for (Path task : tasks) {
        try (BufferedReader in = Files.newBufferedReader(task.resolve("children"))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            for (String child : line.trim().split(" ")) {
              if (!child.isEmpty()) {
                out.add(Long.parseLong(child));
              }
            }
          }
        } catch (IOException | NumberFormatException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      // the process ended meanwhile: no children to find from it
    }
    return out;
  }

  private static Path children(long pid, long task) {
    return Path.of("/proc", Long.toString(pid), "task", Long.toString(task), "children");
  }

  /**
   * Terminates every process of the trees (SIGTERM), waits up to {@code grace} for all of them,
   * then kills the survivors (SIGKILL) and waits until they are gone. Returns how many had to be
   * killed.
   */
  static int terminate(List<ProcessHandle> roots, Duration grace) {
    List<ProcessHandle> all = collect(roots);
    all.forEach(ProcessHandle::destroy);
    awaitExit(all, grace);
    // Children forked during the grace period are found from the survivors.
    List<ProcessHandle> survivors = collect(all.stream().filter(ProcessTree::isRunning).toList());
    survivors.forEach(ProcessHandle::destroyForcibly);
    awaitExit(survivors, AFTER_KILL);
    return survivors.size();
  }

  /**
   * Polls instead of using {@link ProcessHandle#onExit()}: for a process that is not our child
   * (every descendant below the first level) the JDK polls with a back-off that starts at 300 ms
   * and grows, which would make every stop take seconds longer than needed.
   */
  private static void awaitExit(List<ProcessHandle> handles, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 5;
    while (handles.stream().anyMatch(ProcessTree::isRunning)) {
      if (System.nanoTime() - deadline >= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pause = Math.min(pause * 2, 50);
    }
  }
}
