package dev.prooflane.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.model.RecordPosition;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.server.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumptionReportTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:05Z");
  private static final List<String> SERVICES = List.of("orders", "notifier");

  @Test
  void eachRecordIsAConsumptionHopServedByTheInstance() throws Exception {
    ConsumptionReport report =
        read(
            """
            {"service": "notifier", "instance": "fix-1", "group": "notifier-fix-1",
             "records": [
               {"topic": "orders", "partition": 2, "offset": 12, "key": "k-abc",
                "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
                "time": "2026-12-07T10:00:01.123Z", "size": 57},
               {"topic": "orders", "partition": 0, "offset": 3}]}
            """);

    assertThat(report.hops())
        .containsExactly(
            hop(
                Instant.parse("2026-12-07T10:00:01.123Z"),
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "k-abc",
                57,
                new RecordPosition("orders", 2, 12, "notifier-fix-1")),
            hop(NOW, null, null, 0, new RecordPosition("orders", 0, 3, "notifier-fix-1")));
  }

  /** A hop of {@code notifier}'s fork in {@code fix-1}, as the contract of issue 14 spells it. */
  private static HopRecord hop(
      Instant time, String traceId, String key, long size, RecordPosition record) {
    return new HopRecord(
        0,
        time,
        traceId,
        key,
        "notifier",
        "fix-1",
        "",
        "CONSUME",
        record.topic(),
        0,
        0,
        HopRecord.KAFKA,
        null,
        size,
        0,
        record);
  }

  @Test
  void aBadFieldIsNamedWithItsValueAndWhatWasExpected() {
    String ok = "{\"topic\": \"orders\", \"partition\": 0, \"offset\": 1}";
    assertRefused(
        "[]", "body: array (expected: an object with service, instance, group and records)");
    assertRefused(
        batch("baseline", "g", "[]").replace("notifier", "pricing"),
        "service: 'pricing' (expected one of: orders, notifier)");
    assertRefused(
        "{\"service\": \"notifier\", \"group\": \"g\", \"records\": []}",
        "instance: missing (expected: baseline or a sandbox name)");
    assertRefused(batch("baseline", "g", "{}"), "records: {} (expected: an array of records)");
    assertRefused(
        batch("baseline", "g", "[7]"),
        "records[0]: 7 (expected: an object with topic, partition and offset)");
    assertRefused(
        batch(
            "baseline",
            "g",
            "[" + ok + ", " + ok.replace("\"offset\": 1", "\"offset\": 1.5") + "]"),
        "records[1].offset: 1.5 (expected: a whole number >= 0)");
    assertRefused(
        batch("baseline", "g", "[" + ok.replace("0,", "2147483648,") + "]"),
        "records[0].partition: 2147483648 (expected: <= 2147483647)");
    assertRefused(
        batch("baseline", "g", "[" + ok.replace("}", ", \"traceId\": \"XYZ\"}") + "]"),
        "records[0].traceId: 'XYZ' (expected: 32 lowercase hex digits, or null)");
    assertRefused(
        batch("baseline", "g", "[" + ok.replace("}", ", \"time\": \"yesterday\"}") + "]"),
        "records[0].time: 'yesterday' (expected: an ISO-8601 instant such as"
            + " 2026-12-07T10:00:01Z)");
    assertRefused(
        batch("baseline", "g", "[" + ok.replace("}", ", \"key\": 5}") + "]"),
        "records[0].key: 5 (expected: text, or null)");
    assertRefused(
        batch("baseline", "g", "[" + ok.replace("\"orders\"", "\"\"") + "]"),
        "records[0].topic: '' (expected: the record's topic)");
  }

  private static String batch(String instance, String group, String records) {
    return "{\"service\": \"notifier\", \"instance\": \""
        + instance
        + "\", \"group\": \""
        + group
        + "\", \"records\": "
        + records
        + "}";
  }

  private static void assertRefused(String body, String message) {
    assertThatThrownBy(() -> read(body))
        .as(body)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static ConsumptionReport read(String body) throws Exception {
    JsonNode json = Json.mapper().readTree(body);
    return ConsumptionReport.read(json, SERVICES, NOW);
  }
}
