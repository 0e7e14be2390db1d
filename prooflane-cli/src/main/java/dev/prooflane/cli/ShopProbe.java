package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends demo requests to the shop's frontend, with or without a routing key, and reads the hops.
 */
final class ShopProbe {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String frontendUrl;
  private final String baggageMember;

  ShopProbe(String frontendUrl, String baggageMember) {
    this.frontendUrl = frontendUrl;
    this.baggageMember = baggageMember;
  }

  /** One answer: the status, and per hop the service and who served it. */
  record Answer(int status, List<Map<String, String>> hops, JsonNode body) {
    /** Who served {@code service}'s hop, or {@code ?} when the answer has none. */
    String servedBy(String service) {
      return hops.stream()
          .filter(h -> service.equals(h.get("service")))
          .map(h -> h.get("servedBy"))
          .findFirst()
          .orElse("?");
    }

    /**
     * Whether the answer went where {@code forkedBy} (service to sandbox) says: each forked
     * service's hop served by its sandbox, every other hop by the baseline, and no forked service
     * missing from the hops.
     */
    boolean servedAsForked(Map<String, String> forkedBy) {
      return hops.stream()
              .allMatch(
                  h ->
                      forkedBy.getOrDefault(h.get("service"), "baseline").equals(h.get("servedBy")))
          && forkedBy.keySet().stream()
              .allMatch(s -> hops.stream().anyMatch(h -> s.equals(h.get("service"))));
    }
  }

  /** GET /products/{id}, carrying {@code key} as W3C baggage when it is not null. */
  Answer product(int id, String key) throws IOException, InterruptedException {
    return product(id, key, null);
  }

  /** As {@link #product(int, String)}, also sending a W3C {@code traceparent} when not null. */
  Answer product(int id, String key, String traceparent) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(frontendUrl + "/products/" + id))
            .timeout(Duration.ofSeconds(30));
    if (key != null) {
      request.header("baggage", baggageMember + "=" + key);
    }
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = Json.mapper().readTree(response.body());
    List<Map<String, String>> hops = new ArrayList<>();
    for (JsonNode hop : body.path("hops")) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("service", hop.path("service").asText());
      h.put("servedBy", hop.path("servedBy").asText());
      hops.add(h);
    }
    return new Answer(response.statusCode(), hops, body);
  }
}
