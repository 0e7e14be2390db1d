package dev.prooflane.local.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A GET over HTTP/1.1 with the JDK's client, which keeps the connection between tries. */
record Http1Get(URI uri) implements HealthTry {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(HealthProbe.SLOW_TRY)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Override
  public CompletableFuture<HealthAnswer> send(Duration timeout) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return CLIENT
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(response -> HealthAnswer.http(response.statusCode()));
  }

  @Override
  public String target() {
    return "GET " + uri;
  }
}
