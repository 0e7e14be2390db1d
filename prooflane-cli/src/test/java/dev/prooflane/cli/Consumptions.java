package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.HopQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumption hops of the shop's topic in the daemon's hop log, by record: who consumed each
 * record, as the routing interceptors in the consumers reported it.
 *
 * @param byRecord the consumptions of each record, in the log's order
 * @param kept how many hops of any kind the log answered
 */
record Consumptions(Map<Position, List<Consumption>> byRecord, int kept) {
  /** The hop log's capacity (RouterOptions' default), the most one answer holds. */
  static final int LOG_CAPACITY = 10_000;

  /** A record of the topic. */
  record Position(int partition, long offset) {}

  /**
   * One consumption hop.
   *
   * @param destination the instance that consumed it: {@code baseline} or the sandbox
   * @param group its consumer group
   * @param key the routing key the record carried, or null
   * @param time when it was consumed
   */
  record Consumption(String destination, String group, String key, Instant time) {}

  /** The consumptions the daemon's hop log holds now. */
  static Consumptions read(DaemonClient daemon) {
    JsonNode hops = daemon.hops(HopQuery.latest(LOG_CAPACITY)).path("hops");
    Map<Position, List<Consumption>> byRecord = new HashMap<>();
    for (JsonNode hop : hops) {
      JsonNode record = hop.path("record");
      if (!"kafka".equals(hop.path("protocol").asText())
          || !KafkaTraffic.TOPIC.equals(record.path("topic").asText())) {
        continue;
      }
      byRecord
          .computeIfAbsent(
              new Position(record.path("partition").asInt(), record.path("offset").asLong()),
              p -> new ArrayList<>())
          .add(
              new Consumption(
                  hop.path("destination").asText(),
                  record.path("group").asText(),
                  hop.path("routingKey").isTextual() ? hop.path("routingKey").asText() : null,
                  Instant.parse(hop.path("time").asText())));
    }
    return new Consumptions(Map.copyOf(byRecord), hops.size());
  }

  /** The consumptions of {@code sent}, none when no instance consumed it (yet). */
  List<Consumption> of(KafkaTraffic.Sent sent) {
    return byRecord.getOrDefault(sent.position(), List.of());
  }

  /** The instances that consumed {@code sent}, once per consumption. */
  List<String> consumers(KafkaTraffic.Sent sent) {
    return of(sent).stream().map(Consumption::destination).toList();
  }

  /** The records of {@code sent} that no instance consumed yet. */
  List<KafkaTraffic.Sent> notConsumed(Collection<KafkaTraffic.Sent> sent) {
    return sent.stream().filter(s -> of(s).isEmpty()).toList();
  }

  /** Whether {@code instance} consumed every record of {@code sent}. */
  boolean consumedAll(String instance, Collection<KafkaTraffic.Sent> sent) {
    return sent.stream().allMatch(s -> consumers(s).contains(instance));
  }
}
