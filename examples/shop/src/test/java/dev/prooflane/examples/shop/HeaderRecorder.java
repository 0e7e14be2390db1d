package dev.prooflane.examples.shop;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for pricing that answers a fixed price and keeps the headers of
 * every request, so a test can see exactly what a caller propagated.
 */
final class HeaderRecorder implements AutoCloseable {
  private static final byte[] PRICE =
      "{\"id\":\"1\",\"price\":12.50,\"currency\":\"EUR\",\"hops\":[{\"service\":\"pricing\",\"servedBy\":\"recorder\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final List<Headers> received = new CopyOnWriteArrayList<>();

  HeaderRecorder() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          received.add(exchange.getRequestHeaders());
          exchange.getResponseHeaders().set("content-type", "application/json");
          exchange.sendResponseHeaders(200, PRICE.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(PRICE);
          }
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The headers of the only request received; fails when there was not exactly one. */
  Headers onlyRequest() {
    if (received.size() != 1) {
      throw new AssertionError("expected 1 request at the recorder, got " + received.size());
    }
    return received.get(0);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
