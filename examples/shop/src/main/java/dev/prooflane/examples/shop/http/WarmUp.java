package dev.prooflane.examples.shop.http;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Loads Jackson, the propagators and the HTTP client on a background thread once the server is
 * healthy, so neither startup nor the first request pays for it (about half a second in total).
 */
final class WarmUp {
  private WarmUp() {}

  static void start() {
    Thread thread = new Thread(WarmUp::run, "warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    Json.bytes(Json.parseOrText("{\"price\":12.50,\"hops\":[{\"service\":\"warm-up\"}]}"));
    Headers headers = new Headers();
    headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    headers.add("baggage", "prooflane-key=warm-up");
    HeaderPropagation.W3C.inject(
        HeaderPropagation.extract(headers),
        HttpRequest.newBuilder(URI.create("http://127.0.0.1/")),
        HeaderPropagation.SETTER);
    Downstream.warmUp();
  }
}
