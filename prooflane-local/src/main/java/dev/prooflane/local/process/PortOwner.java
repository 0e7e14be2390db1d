package dev.prooflane.local.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
  private static final String LISTEN = "0A";

  /** Established, SYN_SENT, SYN_RECV, LISTEN and CLOSE_WAIT in {@code /proc/net/tcp}. */
  private static final Set<String> OPEN = Set.of("01", "02", "03", LISTEN, "08");

  private PortOwner() {}

  /** Who listens on TCP {@code port}: the process {@code pid} (or a descendant), or another. */
  public static Ownership of(int port, long pid) {
    Set<String> inodes = listening(port);
    if (inodes == null || inodes.isEmpty()) {
      return Ownership.UNKNOWN;
    }
    Set<Long> tree = new HashSet<>();
    tree.add(pid);
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> tree.add(d.pid())));
    for (long member : tree) {
      if (holdsAny(member, inodes)) {
        return Ownership.OWNED;
      }
    }
    return olderListener(inodes, pid) ? Ownership.OTHER : Ownership.UNKNOWN;
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
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String table : List.of("net/tcp", "net/tcp6")) {
      Path file = PROC.resolve(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      try (Stream<String> lines = Files.lines(file)) {
        if (lines
            .skip(1)
            .map(String::trim)
            .map(line -> line.split("\\s+"))
            .anyMatch(f -> f.length > 3 && f[1].endsWith(hexPort) && OPEN.contains(f[3]))) {
          return true;
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        return false;
      }
    }
    return false;
  }

  /** The socket inodes listening on {@code port}, or null when {@code /proc} cannot tell. */
  private static Set<String> listening(int port) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    Set<String> inodes = new HashSet<>();
    boolean read = false;
    for (String table : List.of("net/tcp", "net/tcp6")) {
      Path file = PROC.resolve(table);
      if (!Files.isReadable(file)) {
        continue;
      }
      try (Stream<String> lines = Files.lines(file)) {
        read = true;
        lines
            .skip(1)
            .map(String::trim)
            .map(line -> line.split("\\s+"))
            .filter(f -> f.length > 9 && f[1].endsWith(hexPort) && LISTEN.equals(f[3]))
            .forEach(f -> inodes.add(f[9]));
      } catch (IOException | java.io.UncheckedIOException e) {
        return null;
      }
    }
    return read ? inodes : null;
  }

  private static boolean holdsAny(long pid, Set<String> inodes) {
    Path fds = PROC.resolve(Long.toString(pid)).resolve("fd");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
      for (Path fd : entries) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")
              && inodes.contains(target.substring(8, target.length() - 1))) {
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
