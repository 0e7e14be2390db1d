package dev.prooflane.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keep-alive upstream whose accepted connections outlive its listening socket, like a process
 * that is being replaced: after {@link #closeListener()} another server can bind the same port
 * while this one still answers on the connections it already has. Listeners set {@code
 * SO_REUSEPORT}, so a successor can bind the port before this one lets it go: the port is never
 * free for the kernel to hand to some other socket in between.
 */
final class LingeringUpstream implements AutoCloseable {
  private final String name;
  private final ServerSocket listener;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();

  LingeringUpstream(String name) {
    this(name, 0);
  }

  /** Listens on {@code port} (0: any), which another lingering upstream may still hold. */
  LingeringUpstream(String name, int port) {
    this.name = name;
    try {
      this.listener = new ServerSocket();
      listener.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("binding " + name + " to port " + port, e);
    }
    Thread acceptor = new Thread(this::accept, "lingering-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  Upstream upstream() {
    return new Upstream("127.0.0.1", port(), name);
  }

  /** Connections from the router still open on this side. */
  int openConnections() {
    return open.get();
  }

  void closeListener() throws IOException {
    listener.close();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        connections.add(socket);
        open.incrementAndGet();
        Thread serve = new Thread(() -> serve(socket), "lingering-conn-" + name);
        serve.setDaemon(true);
        serve.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    byte[] body = name.getBytes(StandardCharsets.UTF_8);
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))) {
      OutputStream out = socket.getOutputStream();
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isEmpty()) {
          continue;
        }
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Length: "
                    + body.length
                    + "\r\nx-upstream: "
                    + name
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      }
    } catch (IOException ignored) {
      // the router closed the connection: that is what the tests wait for
    } finally {
      open.decrementAndGet();
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}
