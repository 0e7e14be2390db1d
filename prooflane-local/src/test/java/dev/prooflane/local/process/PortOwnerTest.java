package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Who listens on a port, as Linux's {@code /proc} tells (the machines these tests run on). */
class PortOwnerTest {
  @Test
  void aPortThisProcessListensOnIsOwnedByItAndNotByAnother() throws Exception {
    Process other = new ProcessBuilder("sleep", "30").start();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = socket.getLocalPort();

      assertThat(PortOwner.of(port, ProcessHandle.current().pid()))
          .isEqualTo(PortOwner.Ownership.OWNED);
      assertThat(PortOwner.of(port, other.pid())).isEqualTo(PortOwner.Ownership.OTHER);
    } finally {
      other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aDescendantListeningCountsForItsAncestor() throws Exception {
    // a shell whose child (python) listens: the instance's process is often such a wrapper
    Process shell =
        new ProcessBuilder(
                "sh",
                "-c",
                "python3 -c 'import socket,time;"
                    + "s=socket.socket();s.bind((\"127.0.0.1\",0));s.listen();"
                    + "print(s.getsockname()[1],flush=True);time.sleep(30)'; true")
            .start();
    try {
      int port =
          Integer.parseInt(
              new String(shell.getInputStream().readNBytes(6)).trim().split("\\s+")[0]);
      assertThat(PortOwner.of(port, shell.pid())).isEqualTo(PortOwner.Ownership.OWNED);
    } finally {
      shell.descendants().forEach(ProcessHandle::destroyForcibly);
      shell.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPortNobodyListensOnIsUnknown() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = socket.getLocalPort();
    }
    assertThat(PortOwner.of(port, ProcessHandle.current().pid()))
        .isEqualTo(PortOwner.Ownership.UNKNOWN);
  }
}
