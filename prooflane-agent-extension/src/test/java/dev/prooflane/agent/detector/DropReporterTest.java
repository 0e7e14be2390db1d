package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DropReporterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T07:01:02Z"), ZoneOffset.UTC);
  private static final List<StackTraceElement> STACK =
      List.of(new StackTraceElement("shop.Catalog", "item", "Catalog.java", 12));
  private static final Inbound INBOUND = new Inbound("sbx-1", null, "GET", "/items/1");

  @TempDir Path dir;

  private DropReporter reporter(Path file) {
    DetectorConfig config = Configs.of(file);
    return new DropReporter(
        config,
        new DropWriter(config, CLOCK, new PrintStream(OutputStream.nullOutputStream())),
        CLOCK);
  }

  @Test
  void aCallThatCarriesTheKeyIsNotReported() throws Exception {
    Path file = dir.resolve("drops.jsonl");

    boolean reported =
        reporter(file)
            .check(
                INBOUND,
                "http",
                "GET",
                "http://prices/1",
                OutboundHeaders.of(Map.of("baggage", List.of("prooflane-key=sbx-1"))),
                STACK,
                "0af7651916cd43dd8448eb211c80319c");

    assertThat(reported).isFalse();
    assertThat(file).doesNotExist();
  }

  @Test
  void aCallWithoutTheKeyIsReportedWithTheCallersTraceWhenTheRequestHadNone() throws Exception {
    Path file = dir.resolve("drops.jsonl");

    boolean reported =
        reporter(file)
            .check(
                INBOUND,
                "http",
                "GET",
                "http://prices/1",
                OutboundHeaders.of(Map.of("baggage", List.of("prooflane-key=sbx-2"))),
                STACK,
                "0af7651916cd43dd8448eb211c80319c");

    assertThat(reported).isTrue();
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.get("traceId").asText()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(json.at("/outbound/carried/0").asText()).isEqualTo("baggage");
    assertThat(json.at("/callSite/line").asInt()).isEqualTo(12);
  }

  @Test
  void oneCallSiteWritesOneRecordPerTrace() throws Exception {
    Path file = dir.resolve("drops.jsonl");
    DropReporter reporter = reporter(file);
    Map<String, List<String>> none = Map.of();

    for (int i = 0; i < 5; i++) {
      reporter.check(INBOUND, "http", "GET", "http://a", OutboundHeaders.of(none), STACK, "t1");
    }
    reporter.check(INBOUND, "http", "GET", "http://a", OutboundHeaders.of(none), STACK, "t2");

    assertThat(Files.readAllLines(file)).hasSize(2);
  }
}
