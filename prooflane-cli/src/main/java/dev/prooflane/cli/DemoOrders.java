package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.HopQuery;
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
 * The demo's asynchronous hop: an order posted to the shop's {@code orders} service, which
 * publishes it to the topic {@code orders}, and which instance of the {@code notifier} consumed it,
 * read from the consumption hops the notifiers' routing interceptor reports.
 */
final class DemoOrders {
  /** How long a published order may take to be consumed and reported. */
  private static final long CONSUMED_WITHIN_MILLIS = 30_000;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final DaemonClient api;
  private final String ordersUrl;
  private final String baggageMember;

  DemoOrders(DaemonClient api, String ordersUrl, String baggageMember) {
    this.api = api;
    this.ordersUrl = ordersUrl;
    this.baggageMember = baggageMember;
  }

  /**
   * Posts an order carrying {@code key} as W3C baggage (none when null) and returns where it was
   * published and who consumed it: {@code status}, {@code topic}, {@code partition}, {@code
   * offset}, then {@code servedBy} and {@code group} of its consumption hop ({@code servedBy} is
   * {@code ?} when none was reported in time).
   */
  Map<String, Object> order(String key) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ordersUrl + "/orders"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"item\": \"book\", \"qty\": 2}"));
    if (key != null) {
      request.header("baggage", baggageMember + "=" + key);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", response.statusCode());
    if (response.statusCode() != 202) {
      out.put("servedBy", "?");
      out.put("error", response.body());
      return out;
    }
    JsonNode published = Json.mapper().readTree(response.body());
    String topic = published.path("topic").asText();
    int partition = published.path("partition").asInt();
    long offset = published.path("offset").asLong();
    out.put("topic", topic);
    out.put("partition", partition);
    out.put("offset", offset);
    JsonNode hop = consumption(topic, partition, offset);
    out.put("servedBy", hop == null ? "?" : hop.path("destination").asText());
    out.put("group", hop == null ? null : hop.path("record").path("group").asText());
    return out;
  }

  /**
   * Every instance that consumed the record {@code order} returned, as the hop log holds them now.
   */
  List<String> consumers(Map<String, Object> order) {
    List<String> out = new ArrayList<>();
    if (order.get("topic") instanceof String topic) {
      for (JsonNode h :
          consumptions(topic, (int) order.get("partition"), (long) order.get("offset"))) {
        out.add(h.path("destination").asText());
      }
    }
    return out;
  }

  /** The first consumption hop of the record at {@code topic}/{@code partition}@{@code offset}. */
  private JsonNode consumption(String topic, int partition, long offset)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + CONSUMED_WITHIN_MILLIS;
    while (true) {
      List<JsonNode> found = consumptions(topic, partition, offset);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      if (System.currentTimeMillis() > deadline) {
        return null;
      }
      Thread.sleep(50);
    }
  }

  private List<JsonNode> consumptions(String topic, int partition, long offset) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode h : api.hops(HopQuery.latest(10_000)).path("hops")) {
      JsonNode record = h.path("record");
      if (HopRecord.KAFKA.equals(h.path("protocol").asText())
          && topic.equals(record.path("topic").asText())
          && record.path("partition").asInt() == partition
          && record.path("offset").asLong() == offset) {
        found.add(h);
      }
    }
    return found;
  }
}
