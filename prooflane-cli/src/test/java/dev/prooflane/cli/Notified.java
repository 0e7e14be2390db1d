package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.cli.Consumptions.Position;
import dev.prooflane.server.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one notifier instance says its application code processed ({@code GET /notifications}, its
 * latest 1,000): the witness beside the hops, which the interceptor reports.
 *
 * @param servedBy the instance: {@code baseline} or the sandbox
 * @param records the records it processed, oldest first, with the key each carried (or null)
 */
record Notified(String servedBy, List<Record> records) {
  /** How many the notifier lists at most. */
  static final int KEPT = 1_000;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A record it processed. */
  record Record(Position position, String key) {}

  /** Asks the notifier instance listening on {@code port}. */
  static Notified read(int port) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notifications"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET /notifications on port " + port + ": " + response.statusCode());
    }
    JsonNode body = Json.mapper().readTree(response.body());
    List<Record> records = new ArrayList<>();
    for (JsonNode n : body.path("notifications")) {
      records.add(
          new Record(
              new Position(n.path("partition").asInt(), n.path("offset").asLong()),
              n.path("key").isTextual() ? n.path("key").asText() : null));
    }
    return new Notified(body.path("servedBy").asText(), List.copyOf(records));
  }

  /** Those of its records that are at {@code positions}. */
  List<Record> among(Set<Position> positions) {
    return records.stream().filter(r -> positions.contains(r.position())).toList();
  }
}
