package dev.prooflane.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The two Kafka endpoints of the daemon as the contract of issue 14 gives them, on a JDK HTTP
 * server on loopback: {@code GET /api/v1/kafka/routes} (long poll on {@code version} and {@code
 * wait}) and {@code POST /api/v1/kafka/consumptions} (kept for the test to read). A test can make
 * either answer a status of its choosing, or hold consumption calls until it releases them.
 */
final class TestDaemon implements AutoCloseable {
  static final String TOKEN = "test-token";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<String> routeQueries = new CopyOnWriteArrayList<>();
  private final List<JsonNode> consumptions = new CopyOnWriteArrayList<>();
  private long version = 1;
  private boolean stopped;
  private String sandboxesJson = "[]";
  private int routesStatus = 200;
  private int consumptionsStatus = 204;
  private CountDownLatch consumptionsHeld = new CountDownLatch(0);
  private final CountDownLatch consumptionArrived = new CountDownLatch(1);

  private TestDaemon(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/api/v1/kafka/routes", this::routes);
    server.createContext("/api/v1/kafka/consumptions", this::consumptions);
    server.start();
  }

  /** A daemon on a free port. */
  static TestDaemon start() {
    return new TestDaemon(0);
  }

  /** A daemon on {@code port}, such as one that came back after an outage. */
  static TestDaemon startOn(int port) {
    return new TestDaemon(port);
  }

  URI api() {
    return URI.create("http://127.0.0.1:" + port() + "/api/v1");
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Consumer properties for an interceptor that talks to this daemon. */
  Map<String, Object> consumerConfig(String service, String sandbox, String group) {
    Map<String, Object> config = new HashMap<>();
    config.put("prooflane.api", api().toString());
    config.put("prooflane.token", TOKEN);
    config.put("prooflane.service", service);
    if (sandbox != null) {
      config.put("prooflane.sandbox", sandbox);
    }
    config.put("group.id", group);
    return config;
  }

  /**
   * Sets the sandboxes, each {@code name, key, service=state, ...}, and moves to the next version.
   */
  synchronized void routes(String... sandboxes) {
    List<String> items = new ArrayList<>();
    for (String sandbox : sandboxes) {
      String[] parts = sandbox.split(",");
      StringBuilder forks = new StringBuilder();
      for (int i = 2; i < parts.length; i++) {
        String[] fork = parts[i].split("=");
        forks.append(forks.length() == 0 ? "" : ", ");
        forks.append('"').append(fork[0]).append("\": \"").append(fork[1]).append('"');
      }
      items.add(
          "{\"name\": \""
              + parts[0]
              + "\", \"key\": \""
              + parts[1]
              + "\", \"created\": \"2026-12-07T10:00:00Z\", \"forks\": {"
              + forks
              + "}}");
    }
    sandboxesJson = "[" + String.join(", ", items) + "]";
    version++;
    notifyAll();
  }

  synchronized long version() {
    return version;
  }

  /** What {@code GET /kafka/routes} answers from now on: 200, or an error status. */
  synchronized void routesStatus(int status) {
    routesStatus = status;
    notifyAll();
  }

  synchronized void consumptionsStatus(int status) {
    consumptionsStatus = status;
  }

  /** Holds every consumption call until {@link #release}. */
  synchronized void hold() {
    consumptionsHeld = new CountDownLatch(1);
  }

  synchronized void release() {
    consumptionsHeld.countDown();
  }

  /** The query strings of the route calls so far. */
  List<String> routeQueries() {
    return routeQueries;
  }

  /** The bodies of the consumption calls answered so far. */
  List<JsonNode> consumptions() {
    return consumptions;
  }

  /** Every record of the consumption calls answered so far. */
  List<JsonNode> consumedRecords() {
    List<JsonNode> records = new ArrayList<>();
    for (JsonNode body : consumptions) {
      body.path("records").forEach(records::add);
    }
    return records;
  }

  /** Waits until a consumption call arrived (answered or held). */
  boolean awaitConsumptionCall(long seconds) throws InterruptedException {
    return consumptionArrived.await(seconds, TimeUnit.SECONDS);
  }

  private void routes(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      return;
    }
    String query = exchange.getRequestURI().getRawQuery();
    routeQueries.add(query == null ? "" : query);
    Map<String, String> params = params(query);
    long wait = Long.parseLong(params.getOrDefault("wait", "30"));
    String body;
    int status;
    synchronized (this) {
      if (params.containsKey("version")
          && Long.parseLong(params.get("version")) == version
          && routesStatus == 200) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
        long known = version;
        while (version == known
            && routesStatus == 200
            && !stopped
            && System.nanoTime() < deadline) {
          try {
            TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      status = routesStatus;
      body =
          "{\"version\": "
              + version
              + ", \"keyNames\": {\"baggage\": \"prooflane-key\", \"tracestate\":"
              + " \"prooflane-key\", \"header\": \"x-prooflane-key\"}, \"sandboxes\": "
              + sandboxesJson
              + "}";
    }
    if (status != 200) {
      answer(exchange, status, "{\"error\": \"daemon unavailable\"}");
    } else {
      answer(exchange, 200, body);
    }
  }

  private void consumptions(HttpExchange exchange) throws IOException {
    if (!authorized(exchange)) {
      return;
    }
    consumptionArrived.countDown();
    CountDownLatch held;
    int status;
    synchronized (this) {
      held = consumptionsHeld;
      status = consumptionsStatus;
    }
    try {
      held.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    JsonNode body = MAPPER.readTree(exchange.getRequestBody());
    if (status == 204) {
      consumptions.add(body);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    } else {
      answer(exchange, status, "{\"error\": \"records[0].offset: -1 (expected: >= 0)\"}");
    }
  }

  private static boolean authorized(HttpExchange exchange) throws IOException {
    if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    answer(exchange, 401, "{\"error\": \"missing or unknown token\"}");
    return false;
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new HashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        params.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return params;
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    release();
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
