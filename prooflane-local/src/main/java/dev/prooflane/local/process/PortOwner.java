package dev.prooflane.local.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Whether the program listening on a loopback port is a given process (or one of its descendants),
 * read from Linux's {@code /proc}: an instance's port is chosen free, then bound by the instance a
 * moment later, and another program may take it meanwhile; its health check would then pass against
 * that other program. Only a listener that was running before the instance started counts as
 * another program: one started after it (a container's port proxy, a server that daemonizes away
 * from its parent) may well be the instance's own. Where {@code /proc} cannot tell (another system,
 * a listener whose process cannot be read), the answer is {@link Ownership#UNKNOWN}.
 */
public final class PortOwner {
  /** What {@code /proc} says about a port. */
  public enum Ownership {
    /** The process or one of its descendants listens on it. */
    OWNED,
    /** A program that was running before the process listens on it. */
    OTHER,
    /** {@code /proc} cannot tell. */
    UNKNOWN
  }

  private static final Path PROC = Path.of("/proc");
  private static final List<String> TABLES = List.of("net/tcp", "net/tcp6");

  /** Established, SYN_SENT, SYN_RECV, LISTEN and CLOSE_WAIT in {@code /proc/net/tcp}. */
  private static final Set<String> OPEN = Set.of("01", "02", "03", "0A", "08");

  private PortOwner() {}

  /** Who listens on TCP {@code port}: the process {@code pid} (or a descendant), or another. */
  public static Ownership of(int port, long pid) {
    return check(port, pid).ownership();
  }

  /**
   * A check's answer and the work it took: the lines of the TCP tables it read, and whether it read
   * every process of the machine (for a listener that is not the process itself).
   */
  record Check(Ownership ownership, int tableLines, boolean processesScanned) {}

  /**
   * As {@link #of}. The process itself is asked first, from its own open files, and the tables are
   * read only until its socket shows: a fork that listens itself (the usual case) costs neither a
   * walk over every process nor over every connection of the machine, however many there are.
   */
  static Check check(int port, long pid) {
    Set<String> own = sockets(pid);
    Set<String> inodes = new HashSet<>();
    ListenTable.Found found = new ListenTable.Found();
    boolean read = false;
    for (String table : TABLES) {
      Path file = PROC.resolve(table);
      if (found.stopped || !Files.isReadable(file)) {
        continue;
      }
      try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
        read = true;
        ListenTable.read(lines, port, own::contains, inodes, found);
      } catch (IOException e) {
        return new Check(Ownership.UNKNOWN, found.lines, false);
      }
    }
    if (!read || inodes.isEmpty()) {
      return new Check(Ownership.UNKNOWN, found.lines, false);
    }
    if (found.stopped) {
      return new Check(Ownership.OWNED, found.lines, false);
    }
    // not the process itself: one of its descendants (a wrapper's child), else another program
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    List<ProcessHandle> descendants = process.map(p -> p.descendants().toList()).orElse(List.of());
    for (ProcessHandle descendant : descendants) {
      if (holdsAny(descendant.pid(), inodes)) {
        return new Check(Ownership.OWNED, found.lines, true);
      }
    }
    Ownership other = olderListener(inodes, pid) ? Ownership.OTHER : Ownership.UNKNOWN;
    return new Check(other, found.lines, true);
  }

  /** Whether a process that started before {@code pid} holds one of {@code inodes}. */
  private static boolean olderListener(Set<String> inodes, long pid) {
    Optional<Instant> started = ProcessHandle.of(pid).flatMap(p -> p.info().startInstant());
    if (started.isEmpty()) {
      return false;
    }
    try (Stream<Path> all = Files.list(PROC)) {
      return all.map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .mapToLong(Long::parseLong)
          .filter(other -> other != pid)
          .anyMatch(
              other ->
                  ProcessHandle.of(other)
                          .flatMap(p -> p.info().startInstant())
                          .map(t -> t.isBefore(started.get()))
                          .orElse(false)
                      && holdsAny(other, inodes));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Whether a TCP socket whose local port is {@code port} is open: listening, connecting or
   * connected (a socket closing, such as in {@code TIME_WAIT}, does not count). An instance that
   * failed and was stopped holds none, so one that is still there belongs to another program; false
   * when {@code /proc} cannot tell.
   */
  public static boolean inUse(int port) {
    for (String table : TABLES) {
      Path file = PROC.resolve(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
        if (ListenTable.anyOnPort(lines, port, OPEN)) {
          return true;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return false;
  }

  /** The inodes of the sockets process {@code pid} has open; none when it cannot be read. */
  private static Set<String> sockets(long pid) {
    Set<String> inodes = new HashSet<>();
    forEachSocket(
        pid,
        inode -> {
          inodes.add(inode);
          return false;
        });
    return inodes;
  }

  private static boolean holdsAny(long pid, Set<String> inodes) {
    return forEachSocket(pid, inodes::contains);
  }

  /**
   * Passes the inode of each socket process {@code pid} has open to {@code stop} until it returns
   * true; returns whether it did (false when the process is gone, or not ours to read).
   */
  private static boolean forEachSocket(long pid, Predicate<String> stop) {
    Path fds = PROC.resolve(Long.toString(pid)).resolve("fd");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")
              && stop.test(target.substring(8, target.length() - 1))) {
            return true;
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      return false; // gone, or not ours to read
    }
    return false;
  }
}
