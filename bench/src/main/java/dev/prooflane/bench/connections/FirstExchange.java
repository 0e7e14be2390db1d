package dev.prooflane.bench.connections;

import java.io.IOException;
import java.net.Socket;

/** The one request a new connection sends, and the reading of its answer, before it idles. */
sealed interface FirstExchange permits Http1Exchange, H2cExchange {
  /**
   * Sends a {@code GET /} on {@code socket} and reads the whole answer.
   *
   * @throws IOException when the peer closes, refuses the request or answers other than 200
   */
  void run(Socket socket) throws IOException;

  /** The exchange of {@code protocol}: {@code h1} or {@code h2c} (prior knowledge). */
  static FirstExchange of(String protocol) {
    return switch (protocol) {
      case "h1" -> new Http1Exchange();
      case "h2c" -> new H2cExchange();
      default ->
          throw new IllegalArgumentException("protocol: " + protocol + " (expected: h1 or h2c)");
    };
  }
}
