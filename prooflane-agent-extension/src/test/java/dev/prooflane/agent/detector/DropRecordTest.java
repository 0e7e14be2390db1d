package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropRecordTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2026-12-07T07:01:02.345Z");

  @Test
  void isTheContractsJsonLine() throws Exception {
    DropRecord record =
        new DropRecord(
            TIME,
            "catalog",
            "baseline",
            new Inbound("sbx-1", "0af7651916cd43dd8448eb211c80319c", "GET", "/items/42"),
            new DropRecord.Outbound(
                "http", "GET", "http://127.0.0.1:40123/prices/42", List.of("traceparent")),
            List.of(
                new StackTraceElement(
                    "dev.prooflane.examples.shop.http.Downstream", "get", "Downstream.java", 71),
                new StackTraceElement("shop.Catalog", "item", "Catalog.java", 12)));

    String line = record.toJson();
    JsonNode json = JSON.readTree(line);

    assertThat(line).doesNotContain("\n");
    assertThat(json.get("v").asInt()).isEqualTo(1);
    assertThat(json.get("time").asText()).isEqualTo("2026-12-07T07:01:02.345Z");
    assertThat(json.get("service").asText()).isEqualTo("catalog");
    assertThat(json.get("destination").asText()).isEqualTo("baseline");
    assertThat(json.get("key").asText()).isEqualTo("sbx-1");
    assertThat(json.get("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(json.get("inbound").toString())
        .isEqualTo("{\"method\":\"GET\",\"target\":\"/items/42\"}");
    assertThat(json.get("outbound").toString())
        .isEqualTo(
            "{\"protocol\":\"http\",\"method\":\"GET\","
                + "\"target\":\"http://127.0.0.1:40123/prices/42\",\"carried\":[\"traceparent\"]}");
    assertThat(json.get("callSite").toString())
        .isEqualTo(
            "{\"class\":\"dev.prooflane.examples.shop.http.Downstream\",\"method\":\"get\","
                + "\"file\":\"Downstream.java\",\"line\":71}");
    assertThat(json.get("stack").toString())
        .isEqualTo(
            "[\"dev.prooflane.examples.shop.http.Downstream.get(Downstream.java:71)\","
                + "\"shop.Catalog.item(Catalog.java:12)\"]");
  }

  @Test
  void unknownPartsAreNullAndTextIsEscaped() throws Exception {
    DropRecord record =
        new DropRecord(
            TIME,
            "cat\"alog",
            "sandbox\\1",
            new Inbound("k\n\u0001", null, null, null),
            new DropRecord.Outbound("grpc", "shop.Prices/Get", null, List.of()),
            List.of());

    JsonNode json = JSON.readTree(record.toJson());

    assertThat(json.get("service").asText()).isEqualTo("cat\"alog");
    assertThat(json.get("destination").asText()).isEqualTo("sandbox\\1");
    assertThat(json.get("key").asText()).isEqualTo("k\n\u0001");
    assertThat(json.get("traceId").isNull()).isTrue();
    assertThat(json.get("inbound").isNull()).isTrue();
    assertThat(json.at("/outbound/target").isNull()).isTrue();
    assertThat(json.get("callSite").isNull()).isTrue();
    assertThat(json.get("stack")).isEmpty();
  }

  @Test
  void aFrameWithoutLineNumberHasANullLine() throws Exception {
    DropRecord record =
        new DropRecord(
            TIME,
            "catalog",
            "baseline",
            new Inbound("sbx-1", null, "GET", "/"),
            new DropRecord.Outbound("http", "GET", "http://x/", List.of()),
            List.of(new StackTraceElement("shop.Catalog", "item", null, -1)));

    JsonNode json = JSON.readTree(record.toJson());

    assertThat(json.at("/callSite/file").isNull()).isTrue();
    assertThat(json.at("/callSite/line").isNull()).isTrue();
  }
}
