package dev.prooflane.local.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Who listens on a port, as Linux's {@code /proc} tells (the machines these tests run on). */
class PortOwnerTest {
  @Test
  void aPortThisProcessListensOnIsOwnedByItAndTakenForAProcessStartedLater() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = socket.getLocalPort();
      // start times have a granularity of a clock tick: the later process starts clearly later
      await()
          .until(
              () ->
                  ProcessHandle.current()
                      .info()
                      .startInstant()
                      .orElseThrow()
                      .isBefore(Instant.now().minusSeconds(1)));
      Process later = new ProcessBuilder("sleep", "30").start();
      try {
        assertThat(PortOwner.of(port, ProcessHandle.current().pid()))
            .isEqualTo(PortOwner.Ownership.OWNED);
        assertThat(PortOwner.of(port, later.pid())).isEqualTo(PortOwner.Ownership.OTHER);
      } finally {
        later.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aProcessListeningItselfIsFoundWithoutReadingEveryProcessOrConnection() throws Exception {
    // each connection is two lines of the TCP tables, after every listening socket
    int connections = 100;
    List<Socket> open = new ArrayList<>();
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connections);
      int port = socket.getLocalPort();
      for (int i = 0; i < connections; i++) {
        open.add(new Socket(InetAddress.getLoopbackAddress(), port));
        open.add(socket.accept());
      }

      PortOwner.Check check = PortOwner.check(port, ProcessHandle.current().pid());

      assertThat(check.ownership()).isEqualTo(PortOwner.Ownership.OWNED);
      assertThat(check.processesScanned()).as("read every process of the machine").isFalse();
      int lines = tableLines("/proc/net/tcp") + tableLines("/proc/net/tcp6");
      assertThat(check.tableLines())
          .as("lines read of the %s in the TCP tables, %s of them connections", lines, connections)
          .isLessThanOrEqualTo(lines - 2 * connections + 2);
    } finally {
      for (Socket s : open) {
        s.close();
      }
    }
  }

  private static int tableLines(String table) throws Exception {
    return Files.readAllLines(Path.of(table)).size() - 1;
  }

  @Test
  void aListenerThatStartedAfterTheProcessMayBeItsOwnAndIsNotCountedAsAnother() throws Exception {
    // as a container's port proxy, started by another program after the instance's process
    Process instance = new ProcessBuilder("sleep", "30").start();
    try {
      await()
          .until(
              () ->
                  instance
                      .info()
                      .startInstant()
                      .orElseThrow()
                      .isBefore(Instant.now().minusSeconds(1)));
      Process proxy = listener();
      try {
        int port = port(proxy);
        assertThat(PortOwner.of(port, instance.pid())).isEqualTo(PortOwner.Ownership.UNKNOWN);
      } finally {
        proxy.descendants().forEach(ProcessHandle::destroyForcibly);
        proxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      instance.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A shell whose child (python) listens on a free port and prints it. */
  private static Process listener() throws Exception {
    return new ProcessBuilder(
            "sh",
            "-c",
            "python3 -c 'import socket,time;"
                + "s=socket.socket();s.bind((\"127.0.0.1\",0));s.listen();"
                + "print(s.getsockname()[1],flush=True);time.sleep(30)'; true")
        .start();
  }

  private static int port(Process listener) throws Exception {
    BufferedReader out =
        new BufferedReader(
            new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8));
    return Integer.parseInt(out.readLine().trim());
  }

  @Test
  void aDescendantListeningCountsForItsAncestor() throws Exception {
    // the instance's process is often such a wrapper
    Process shell = listener();
    try {
      int port = port(shell);
      PortOwner.Check check = PortOwner.check(port, shell.pid());
      assertThat(check.ownership()).isEqualTo(PortOwner.Ownership.OWNED);
      assertThat(check.processesScanned()).as("looked for it among the processes").isTrue();
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

  @Test
  void aPortIsInUseWhileASocketListensOnItOrConnectsFromIt() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = server.getLocalPort();
      assertThat(PortOwner.inUse(port)).isTrue();
      // a client socket whose local port another instance was given: its bind would fail
      try (java.net.Socket client = new java.net.Socket()) {
        client.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int local = client.getLocalPort();
        client.connect(server.getLocalSocketAddress());
        try (java.net.Socket accepted = server.accept()) {
          assertThat(accepted.isConnected()).isTrue();
          assertThat(PortOwner.inUse(local)).isTrue();
        }
      }
    }
    int closed = port;
    await().atMost(10, TimeUnit.SECONDS).until(() -> !PortOwner.inUse(closed));
  }
}
