package dev.prooflane.routing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on loopback (the JDK's) that answers every request with its own name in the
 * body and the {@code x-upstream} header, and remembers what it received.
 */
final class TestUpstream implements AutoCloseable {
  /** What one request looked like when it arrived here. */
  record Received(String method, String path, Map<String, List<String>> headers, long bodyBytes) {
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : String.join(",", values);
    }
  }

  private final String name;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicLong bodyBytesSoFar = new AtomicLong();
  private volatile long delayMillis;
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private volatile long responseBytes;

  private TestUpstream(String name, int port) throws IOException {
    this.name = name;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    this.executor = Executors.newFixedThreadPool(64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static TestUpstream start(String name) {
    return start(name, 0);
  }

  static TestUpstream start(String name, int port) {
    try {
      return new TestUpstream(name, port);
    } catch (IOException e) {
      throw new UncheckedIOException("starting test upstream " + name + " on port " + port, e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  Upstream upstream() {
    return new Upstream("127.0.0.1", port(), name);
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  /** Body bytes read so far by the request being handled, updated as they arrive. */
  long bodyBytesSoFar() {
    return bodyBytesSoFar.get();
  }

  void delay(long millis) {
    this.delayMillis = millis;
  }

  /** Holds each request, once it is in {@link #received()}, until {@code release} opens. */
  void holdUntil(CountDownLatch release) {
    this.hold = release;
  }

  /** Answer with a chunked body of this many bytes instead of the name. */
  void respondWithBytes(long bytes) {
    this.responseBytes = bytes;
  }

  private void handle(HttpExchange exchange) throws IOException {
    long bodyBytes = 0;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        bodyBytes += n;
        bodyBytesSoFar.addAndGet(n);
      }
    }
    Map<String, List<String>> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    received.add(
        new Received(
            exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, bodyBytes));
    try {
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      hold.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.getResponseHeaders().add("x-upstream", name);
    exchange.getResponseHeaders().add("x-body-bytes", Long.toString(bodyBytes));
    exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
    exchange.getResponseHeaders().add("Connection", "x-upstream-secret");
    exchange.getResponseHeaders().add("x-upstream-secret", "hop");
    exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic");
    try (OutputStream out = sendHeaders(exchange)) {
      if (responseBytes > 0) {
        byte[] chunk = new byte[64 * 1024];
        for (long left = responseBytes; left > 0; left -= chunk.length) {
          out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
      } else {
        out.write(name.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private OutputStream sendHeaders(HttpExchange exchange) throws IOException {
    if (responseBytes > 0) {
      exchange.sendResponseHeaders(200, 0);
    } else {
      exchange.sendResponseHeaders(200, name.getBytes(StandardCharsets.UTF_8).length);
    }
    return exchange.getResponseBody();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
