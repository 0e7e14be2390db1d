package dev.prooflane.local.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A health endpoint on a raw loopback socket that holds chosen answers back and notices whether the
 * client hung up while it waited: the probe must never abort a try it started.
 */
final class HoldingHealthServer implements AutoCloseable {
  /** What to do with the {@code n}th request (counting from 1). */
  @FunctionalInterface
  interface Plan {
    /** {@code null} to answer 200 at once; otherwise the status to send once the hold is over. */
    Hold holdFor(int request);
  }

  /**
   * An answer held back: sent after {@code duration}, or when {@link #release()} is called.
   *
   * @param status the status sent once the hold is over
   * @param duration how long to hold; {@code null} to hold until released
   */
  record Hold(int status, Duration duration) {}

  private static final int POLL_MILLIS = 20;

  private final ServerSocket socket;
  private final Plan plan;
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger heldAnswers = new AtomicInteger();
  private final AtomicInteger hangUps = new AtomicInteger();

  HoldingHealthServer(Plan plan) throws IOException {
    this.plan = plan;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "holding-health-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/health");
  }

  int requests() {
    return requests.get();
  }

  /** Held answers written to a client that was still waiting for them. */
  int heldAnswers() {
    return heldAnswers.get();
  }

  /** Requests whose client closed the connection before their held answer was written. */
  int hangUps() {
    return hangUps.get();
  }

  /** Ends every hold that has no duration. */
  void release() {
    released.countDown();
  }

  @Override
  public void close() throws IOException {
    release();
    socket.close();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread serve = new Thread(() -> serve(connection), "holding-health-serve");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection) {
    try (connection;
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream()) {
      while (readRequestHead(in)) {
        Hold hold = plan.holdFor(requests.incrementAndGet());
        int status = 200;
        if (hold != null) {
          if (clientHungUpDuring(connection, in, hold)) {
            hangUps.incrementAndGet();
            return;
          }
          status = hold.status();
        }
        out.write(
            ("HTTP/1.1 " + status + " Held\r\ncontent-length: 0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (hold != null) {
          heldAnswers.incrementAndGet();
        }
      }
    } catch (IOException e) {
      // the connection broke: nothing to answer
    }
  }

  /** Reads up to the blank line that ends a request head; {@code false} at end of input. */
  private static boolean readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return true;
  }

  /** Waits out {@code hold}; {@code true} as soon as the client closes its side. */
  private boolean clientHungUpDuring(Socket connection, InputStream in, Hold hold)
      throws IOException {
    long until = hold.duration() == null ? 0 : System.nanoTime() + hold.duration().toNanos();
    connection.setSoTimeout(POLL_MILLIS);
    try {
      while (true) {
        try {
          if (in.read() < 0) {
            return true;
          }
        } catch (SocketTimeoutException e) {
          // still connected after one more look: the hold may end now
          if (hold.duration() == null ? released.getCount() == 0 : System.nanoTime() >= until) {
            return false;
          }
        }
      }
    } finally {
      connection.setSoTimeout(0);
    }
  }
}
