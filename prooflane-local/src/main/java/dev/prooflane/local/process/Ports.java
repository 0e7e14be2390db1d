package dev.prooflane.local.process;

import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for instances to listen on, chosen below the range the OS hands out to outgoing
 * connections (Linux's {@code net.ipv4.ip_local_port_range}, 32768 and up by default): a port from
 * that range may be taken by any program's next connection between its choice and the instance's
 * bind, which on a busy machine happens; below it, only another listener can take it.
 */
public final class Ports {
  /** Ports handed out recently, not handed out again even if the OS offers them once more. */
  private static final int REMEMBERED = 1024;

  /** The lowest port handed out: above the usual fixed ports of development servers. */
  static final int LOWEST = 20_000;

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
  private static final int TRIES = 50;

  private static final Deque<Integer> recent = new ArrayDeque<>();
  private static final Set<Integer> recentSet = new HashSet<>();

  private Ports() {}

  /**
   * A TCP port on 127.0.0.1 that was free a moment ago: bound and released. Another program may
   * take it before the caller binds it, so callers that start a process on it must tolerate a bind
   * failure. It lies below the outgoing connections' range when there is room there (else the OS
   * picks one); the same port is not returned twice within the last {@value #REMEMBERED} calls.
   */
  public static synchronized int freePort() {
    int below = ephemeralLow();
    for (int attempt = 0; attempt < TRIES && below - LOWEST > REMEMBERED; attempt++) {
      int port = LOWEST + ThreadLocalRandom.current().nextInt(below - LOWEST);
      if (!recentSet.contains(port) && bindAndRelease(port) == port) {
        return remember(port);
      }
    }
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = bindAndRelease(0);
      if (!recentSet.contains(port)) {
        return remember(port);
      }
    }
    throw new ProoflaneException(
        "no free TCP port on 127.0.0.1: the OS offered only recently used ones; too many"
            + " instances running?");
  }

  private static int remember(int port) {
    recentSet.add(port);
    recent.addLast(port);
    if (recent.size() > REMEMBERED) {
      recentSet.remove(recent.removeFirst());
    }
    return port;
  }

  /** The first port of the outgoing connections' range (32768 when it cannot be read). */
  static int ephemeralLow() {
    try {
      // not readString: a /proc file has no size, and readString may stop short
      String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_LOW;
    }
  }

  /** Binds {@code port} (0: any) and releases it: the port bound, or -1 when it is taken. */
  private static int bindAndRelease(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket.getLocalPort();
    } catch (BindException e) {
      if (port != 0) {
        return -1;
      }
      throw new ProoflaneException("no free TCP port on 127.0.0.1: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ProoflaneException("no free TCP port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
