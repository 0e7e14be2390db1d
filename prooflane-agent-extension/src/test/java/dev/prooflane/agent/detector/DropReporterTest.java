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
  private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";

  @TempDir Path dir;

  private DropReporter reporter(Path file) {
    DetectorConfig config = Configs.of(file);
    return new DropReporter(
        config, new DropWriter(config, new PrintStream(OutputStream.nullOutputStream())), CLOCK);
  }

  /** Checks one call sending this baggage, made by a caller in trace {@code CALLER_TRACE}. */
  private boolean checkWithBaggage(Path file, String baggage) {
    return reporter(file)
        .check(
            INBOUND,
            "http",
            "GET",
            "http://prices/1",
            OutboundHeaders.of(Map.of("baggage", List.of(baggage))),
            STACK,
            CALLER_TRACE);
  }

  @Test
  void aCallThatCarriesTheKeyIsNotReported() {
    Path file = dir.resolve("drops.jsonl");

    assertThat(checkWithBaggage(file, "prooflane-key=sbx-1")).isFalse();
    assertThat(file).doesNotExist();
  }

  @Test
  void aCallWithoutTheKeyIsReportedWithTheCallersTraceWhenTheRequestHadNone() throws Exception {
    Path file = dir.resolve("drops.jsonl");

    assertThat(checkWithBaggage(file, "prooflane-key=sbx-2")).isTrue();
    JsonNode json = new ObjectMapper().readTree(Files.readString(file));
    assertThat(json.get("traceId").asText()).isEqualTo(CALLER_TRACE);
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
