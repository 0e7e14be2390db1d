package dev.prooflane.bench.connections;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Opens COUNT connections to 127.0.0.1:PORT one after the other, each with one {@code GET /}
 * answered (HTTP/1.1 keep-alive, or h2c with prior knowledge), prints "OPEN <count>" and holds them
 * open, idle, until killed.
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.connections.IdleConnectionsMain PORT COUNT
 * h1|h2c
 */
public final class IdleConnectionsMain {
  private IdleConnectionsMain() {}

  /** Opens the connections; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    FirstExchange exchange = FirstExchange.of(args[2]);
    List<Socket> open = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      exchange.run(socket);
      open.add(socket);
    }
    System.out.println("OPEN " + open.size());
    new CountDownLatch(1).await();
  }
}
