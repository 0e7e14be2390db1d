package dev.prooflane.local.process;

import dev.prooflane.model.ProoflaneException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/** Loopback ports for instances to listen on. */
public final class Ports {
  /** Ports handed out recently, not handed out again even if the OS offers them once more. */
  private static final int REMEMBERED = 1024;

  private static final Deque<Integer> recent = new ArrayDeque<>();
  private static final Set<Integer> recentSet = new HashSet<>();

  private Ports() {}

  /**
   * A TCP port on 127.0.0.1 that was free a moment ago: bound to port 0 and released. Another
   * program may take it before the caller binds it, so callers that start a process on it must
   * tolerate a bind failure. The same port is not returned twice within the last {@value
   * #REMEMBERED} calls.
   */
  public static synchronized int freePort() {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = bindAndRelease();
      if (recentSet.add(port)) {
        recent.addLast(port);
        if (recent.size() > REMEMBERED) {
          recentSet.remove(recent.removeFirst());
        }
        return port;
      }
    }
    throw new ProoflaneException(
        "no free TCP port on 127.0.0.1: the OS offered only recently used ones; too many"
            + " instances running?");
  }

  private static int bindAndRelease() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new ProoflaneException("no free TCP port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
