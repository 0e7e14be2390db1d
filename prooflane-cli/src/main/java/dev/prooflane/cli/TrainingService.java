package dev.prooflane.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The service of {@link DaemonTraining}'s environment: answers every request on loopback port
 * {@code $PORT} with 200 and its own name, until it is stopped.
 */
public final class TrainingService {
  private TrainingService() {}

  public static void main(String[] args) throws IOException {
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(
                InetAddress.getLoopbackAddress(), Integer.parseInt(System.getenv("PORT"))),
            0);
    server.createContext("/", TrainingService::answer);
    server.start();
    System.out.println("training service listening");
  }

  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body = "training service\n".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
