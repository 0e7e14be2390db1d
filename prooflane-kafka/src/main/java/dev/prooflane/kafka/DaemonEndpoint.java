package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The daemon's API as the interceptor calls it: one JDK HTTP client, the base URL and the bearer
 * token (which no message ever shows).
 */
final class DaemonEndpoint {
  private final HttpClient client;
  private final URI api;
  private final String token;

  DaemonEndpoint(URI api, String token) {
    this.api = requireNonNull(api, "api");
    this.token = requireNonNull(token, "token");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  HttpClient client() {
    return client;
  }

  /** The URL of {@code path} (such as {@code /kafka/routes}) under the API base. */
  URI uri(String pathAndQuery) {
    return URI.create(api + pathAndQuery);
  }

  /** A request to {@code pathAndQuery} with the token, answered within {@code timeout}. */
  HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
    return HttpRequest.newBuilder(uri(pathAndQuery))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }
}
