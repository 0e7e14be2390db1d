package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.BranchJson;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.SandboxView;
import java.io.IOException;
import java.io.PrintWriter;
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
 * The demo's data step: a sandbox forks the shop's {@code reviews} service with a schema change (a
 * {@code verified} column) and gets a branch of its database with the migration applied; a review
 * written with the key lands on the branch, the baseline's reviews and schema stay as they were.
 */
final class DemoReviews {
  static final String SANDBOX = "demo-verified";
  static final String MIGRATION = "sql/reviews-v2.sql";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final DaemonClient api;
  private final String reviewsUrl;
  private final String baggageMember;
  private final PrintWriter out;

  DemoReviews(DaemonClient api, String reviewsUrl, String baggageMember, PrintWriter out) {
    this.api = api;
    this.reviewsUrl = reviewsUrl;
    this.baggageMember = baggageMember;
    this.out = out;
  }

  /** The sandbox: the fork of reviews with {@code command}, a copy of its database, migrated. */
  SandboxView create(List<String> command) {
    out.println("   fork command: " + String.join(" ", command));
    out.println("   branch: a copy of the database 'reviews', then " + MIGRATION);
    return api.createSandbox(
        new SandboxRequest(
            SANDBOX,
            null,
            "10m",
            Map.of("demo", "true"),
            List.of(new ForkRequest("reviews", command, null, null, null, null)),
            Map.of("reviews", new BranchJson("copy", List.of(MIGRATION)))),
        line -> out.println("   " + line));
  }

  /** Posts a verified review of {@code item} with {@code key}; returns the status and body. */
  Map<String, Object> post(String item, String key) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(reviewsUrl + "/reviews"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("baggage", baggageMember + "=" + key)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"item\": \""
                        + item
                        + "\", \"stars\": 5, \"text\": \"Bought it, love it.\","
                        + " \"verified\": true}"))
            .build();
    return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** The reviews of {@code item}, with {@code key} (none when null). */
  Map<String, Object> list(String item, String key) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(reviewsUrl + "/reviews?item=" + item))
            .timeout(Duration.ofSeconds(30));
    if (key != null) {
      request.header("baggage", baggageMember + "=" + key);
    }
    return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private static Map<String, Object> answer(HttpResponse<String> response) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", response.statusCode());
    JsonNode body = Json.mapper().readTree(response.body());
    out.put("servedBy", servedBy(body));
    out.put("body", body);
    return out;
  }

  /** Who answered: the {@code servedBy} of the reviews hop, or {@code ?}. */
  private static String servedBy(JsonNode body) {
    for (JsonNode hop : body.path("hops")) {
      if ("reviews".equals(hop.path("service").asText())) {
        return hop.path("servedBy").asText();
      }
    }
    return "?";
  }

  /** The texts of the reviews in a list answer, each marked {@code (verified)} when it says so. */
  static List<String> texts(Map<String, Object> list) {
    List<String> texts = new ArrayList<>();
    if (list.get("body") instanceof JsonNode body) {
      for (JsonNode review : body.path("reviews")) {
        texts.add(
            review.path("text").asText()
                + (review.path("verified").asBoolean(false) ? " (verified)" : ""));
      }
    }
    return texts;
  }
}
