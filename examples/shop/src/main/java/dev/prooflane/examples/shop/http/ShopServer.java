package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link ShopService} on a JDK {@link HttpServer} bound to loopback: {@code GET /health},
 * the service's item route, context extraction, the {@code hops} field and one log line per
 * request.
 */
public final class ShopServer implements Launcher.Running {
  private static final int THREADS = 8;
  private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

  private final ShopService service;
  private final String servedBy;
  private final Console console;
  private final HttpServer server;
  private final ExecutorService executor;

  private ShopServer(ShopService service, String servedBy, Console console, int port)
      throws IOException {
    this.service = requireNonNull(service, "service");
    this.servedBy = requireNonNull(servedBy, "servedBy");
    this.console = requireNonNull(console, "console");
    // The JDK server leaves Nagle's algorithm on; behind a keep-alive proxy that costs every
    // pooled request a 40 ms delayed-ACK stall. Real services send small responses promptly.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            THREADS, r -> new Thread(r, service.name() + "-http-" + threads.incrementAndGet()));
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
  }

  /**
   * Starts {@code service} as instance {@code servedBy} on 127.0.0.1:{@code port} (0 picks a free
   * port).
   *
   * @throws IOException when the port cannot be bound
   */
  public static ShopServer start(ShopService service, String servedBy, int port, Console console)
      throws IOException {
    ShopServer shop = new ShopServer(service, servedBy, console, port);
    shop.server.start();
    return shop;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The server's base URL, such as {@code http://127.0.0.1:8080}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  @Override
  public String address() {
    return url().toString();
  }

  /** Stops listening, then closes the service (and its clients). */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    service.close();
  }

  private void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    try {
      if ("/health".equals(rawPath)) {
        send(exchange, 200, HEALTH, method, rawPath, null);
        return;
      }
      Context context = HeaderPropagation.extract(exchange.getRequestHeaders());
      ItemRequest request = null;
      Reply reply;
      String id = itemId(exchange.getRequestURI().getPath());
      if (id == null) {
        reply =
            Reply.error(
                404,
                "not_found",
                "no route "
                    + rawPath
                    + " (expected: GET /"
                    + service.resource()
                    + "/{id} or GET /health)");
      } else if (!"GET".equals(method)) {
        reply = Reply.error(405, "method_not_allowed", method + " " + rawPath + " (expected: GET)");
      } else {
        request = new ItemRequest(id, context);
        reply = answer(request, method, rawPath);
      }
      ObjectNode body = reply.body();
      body.set("hops", hops(request));
      if (reply.isDownstreamFailure()) {
        console
            .err()
            .println(
                "ERROR "
                    + service.name()
                    + ": "
                    + body.path("service").asText()
                    + " answered "
                    + body.path(body.has("grpcStatus") ? "grpcStatus" : "status").asText()
                    + " for "
                    + method
                    + " "
                    + rawPath);
      }
      send(
          exchange,
          reply.status(),
          Json.bytes(body),
          method,
          rawPath,
          HeaderPropagation.routingKey(context));
    } catch (IOException e) {
      // Only writing the response throws this: the client closed its connection first (a caller
      // that gave up, a probe's timeout). Not this service's error, so neither an ERROR line nor
      // the word "Exception", which log checks look for.
      console
          .out()
          .println(
              "WARN "
                  + service.name()
                  + ": "
                  + method
                  + " "
                  + rawPath
                  + ": client went away before the response was written ("
                  + e.getMessage()
                  + ")");
    } catch (RuntimeException e) {
      console.err().println("ERROR " + service.name() + ": " + method + " " + rawPath + ": " + e);
    } finally {
      exchange.close();
    }
  }

  private Reply answer(ItemRequest request, String method, String rawPath) {
    try {
      return service.handle(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.error(503, "interrupted", "the service is shutting down");
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      console
          .err()
          .print("ERROR " + service.name() + ": " + method + " " + rawPath + " failed: " + trace);
      return Reply.error(500, "internal", e.toString());
    }
  }

  private String itemId(String path) {
    String prefix = "/" + service.resource() + "/";
    if (path == null || !path.startsWith(prefix)) {
      return null;
    }
    String id = path.substring(prefix.length());
    return id.isEmpty() || id.contains("/") ? null : id;
  }

  private ArrayNode hops(ItemRequest request) {
    ArrayNode hops = JsonNodeFactory.instance.arrayNode();
    hops.addObject().put("service", service.name()).put("servedBy", servedBy);
    if (request != null) {
      for (JsonNode hop : request.downstreamHops()) {
        hops.add(hop);
      }
    }
    return hops;
  }

  private void send(
      HttpExchange exchange, int status, byte[] body, String method, String path, String key)
      throws IOException {
    // logged before the response is sent, so whoever holds the response can already see the line
    console
        .out()
        .println(
            service.name()
                + " "
                + servedBy
                + " "
                + method
                + " "
                + path
                + " status="
                + status
                + " key="
                + (key == null ? "-" : key));
    exchange.getResponseHeaders().set("content-type", "application/json");
    boolean head = "HEAD".equals(method);
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
