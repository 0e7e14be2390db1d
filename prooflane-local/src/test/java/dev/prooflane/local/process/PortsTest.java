package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {
  @Test
  void freePortsLieBelowTheOutgoingConnectionsRangeAndAreNotHandedOutTwice() throws Exception {
    int below = Ports.ephemeralLow();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = Ports.freePort();
      assertThat(port).isBetween(Ports.LOWEST, below - 1);
      assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      }
    }
  }
}
