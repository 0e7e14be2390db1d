package dev.prooflane.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny service the runtime tests run as a real process: answers {@code /health}, and on any other
 * path says who served it and, when {@code NEXT_URL} is set, calls the next service forwarding the
 * {@code baggage} header (unless {@code FORWARD_BAGGAGE} is {@code false}: a service that loses the
 * key), appending that service's hops.
 */
public final class EchoService {
  private EchoService() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv("PORT"));
    String service = System.getenv("PROOFLANE_SERVICE");
    String servedBy = System.getenv().getOrDefault("PROOFLANE_SANDBOX", "baseline");
    String next = System.getenv("NEXT_URL");
    boolean forward = !"false".equals(System.getenv("FORWARD_BAGGAGE"));
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/health", exchange -> reply(exchange, 200, "{\"status\":\"UP\"}"));
    server.createContext(
        "/",
        exchange -> {
          String baggage = exchange.getRequestHeaders().getFirst("baggage");
          System.out.println(
              service + " " + servedBy + " " + exchange.getRequestURI() + " baggage=" + baggage);
          String hop = "{\"service\":\"" + service + "\",\"servedBy\":\"" + servedBy + "\"}";
          if (next == null) {
            reply(exchange, 200, "{\"hops\":[" + hop + "]}");
            return;
          }
          HttpRequest.Builder request =
              HttpRequest.newBuilder(URI.create(next + exchange.getRequestURI().getPath()));
          if (baggage != null && forward) {
            request.header("baggage", baggage);
          }
          try {
            HttpResponse<String> downstream =
                client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = downstream.body();
            int start = body.indexOf('[');
            int end = body.lastIndexOf(']');
            String rest = start >= 0 && end > start ? body.substring(start + 1, end) : "";
            int status = downstream.statusCode() == 200 ? 200 : 502;
            reply(
                exchange,
                status,
                "{\"downstreamStatus\":"
                    + downstream.statusCode()
                    + ",\"hops\":["
                    + hop
                    + (rest.isEmpty() ? "" : "," + rest)
                    + "]}");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 500, "{}");
          }
        });
    server.start();
    System.out.println(service + " listening on " + port);
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
