package dev.prooflane.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Requests to a daemon's REST API through a real HTTP client, for the tests that check statuses and
 * bodies as they go over the wire.
 *
 * @param url the API's base URL, such as {@code http://127.0.0.1:7474/api/v1}
 */
public record ApiCalls(String url) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Sends {@code method path} with {@code token} (none when null) and {@code body} (or none). */
  public HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher content =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.method(method, content).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The body of {@code response} as JSON. */
  public static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }
}
