package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on 127.0.0.1 whose routes answer JSON, for the shop's services with routes of
 * their own ({@code POST /orders}, {@code GET /notifications}, {@code GET|POST /reviews}) rather
 * than {@link ShopServer}'s single item route. Closing it stops listening, then closes the service
 * behind it.
 */
public final class JsonServer implements Launcher.Running {
  /** Answers one request; {@code body} is the request body as text. */
  @FunctionalInterface
  public interface Routes {
    Reply answer(HttpExchange exchange, String body) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final AutoCloseable service;

  private JsonServer(HttpServer server, ExecutorService executor, AutoCloseable service) {
    this.server = server;
    this.executor = executor;
    this.service = service;
  }

  /**
   * Starts {@code routes} on 127.0.0.1:{@code port} (0 picks a free port); {@code service} is
   * closed with the server.
   *
   * @throws IOException when the port cannot be bound
   */
  public static JsonServer start(String name, int port, Routes routes, AutoCloseable service)
      throws IOException {
    requireNonNull(routes, "routes");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> new Thread(r, name + "-http"));
    server.createContext("/", exchange -> serve(exchange, routes));
    server.setExecutor(executor);
    server.start();
    return new JsonServer(server, executor, requireNonNull(service, "service"));
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public String address() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      service.close();
    } catch (Exception e) {
      // stopping anyway: the process is going away
    }
  }

  private static void serve(HttpExchange exchange, Routes routes) throws IOException {
    try (exchange) {
      String body;
      try (var in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Reply reply;
      try {
        reply = routes.answer(exchange, body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply = Reply.error(503, "interrupted", "the service is shutting down");
      } catch (RuntimeException e) {
        reply = Reply.error(500, "internal", e.toString());
      }
      byte[] bytes = Json.bytes(reply.body());
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
