package dev.prooflane.bench.skills;

import dev.prooflane.model.KeyNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The "no engine" peer: the same keyed GETs in a plain java.net.http loop. */
final class PlainLoop {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;
  private final KeyNames names;
  private final String key;

  PlainLoop(URI uri, KeyNames names, String key) {
    this.uri = uri;
    this.names = names;
    this.key = key;
  }

  /** Sends {@code n} requests one after the other; the time of each in milliseconds. */
  double[] send(int n) throws IOException, InterruptedException {
    double[] millis = new double[n];
    for (int i = 0; i < n; i++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
      if (!names.baggage().isEmpty()) {
        b.header("baggage", names.baggage() + "=" + key);
      }
      if (!names.header().isEmpty()) {
        b.header(names.header(), key);
      }
      b.header("traceparent", traceparent());
      long s = System.nanoTime();
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      millis[i] = (System.nanoTime() - s) / 1e6;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("plain loop: " + r.statusCode() + " " + r.body());
      }
    }
    return millis;
  }

  private static String traceparent() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("00-%016x%016x-%016x-01", r.nextLong(), r.nextLong(), r.nextLong());
  }
}
