package dev.prooflane.bench.overhead;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The service the sandbox-overhead benchmark forks: answers every request with 200 and who served
 * it, and says on stdout when it is ready as it sees it itself: {@code ready <epoch µs>} once its
 * own {@code GET /health} over loopback was answered (so the cost of its first request counts as
 * its start-up, not as the probe's lag).
 *
 * <p>Settings from the environment: {@code PORT}, and {@code PROOFLANE_SANDBOX} (in a fork).
 */
public final class ReadyEchoMain {
  private ReadyEchoMain() {}

  /** Serves until the process is stopped. */
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv("PORT"));
    byte[] body =
        ("served by " + System.getenv().getOrDefault("PROOFLANE_SANDBOX", "baseline") + "\n")
            .getBytes(StandardCharsets.UTF_8);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody();
              OutputStream out = exchange.getResponseBody()) {
            in.readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
          }
        });
    server.start();
    askOwnHealth(port);
    Instant ready = Instant.now();
    System.out.println("ready " + (ready.getEpochSecond() * 1_000_000 + ready.getNano() / 1_000));
  }

  /** One {@code GET /health} on a plain socket (no HTTP client to load), answered 200. */
  private static void askOwnHealth(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket
          .getOutputStream()
          .write(
              "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!answer.startsWith("HTTP/1.1 200")) {
        throw new IOException("own GET /health: " + answer.lines().findFirst().orElse(""));
      }
    }
  }
}
