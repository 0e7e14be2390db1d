package dev.prooflane.agent.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {

  @Test
  void readsTheContractsSystemProperties() {
    Properties properties = new Properties();
    properties.setProperty("prooflane.drops.file", "/state/drops/baseline/catalog.jsonl");
    properties.setProperty("prooflane.service", "catalog");
    properties.setProperty("prooflane.destination", "baseline");
    properties.setProperty("prooflane.key.baggage", "prooflane-key");
    properties.setProperty("prooflane.key.tracestate", "");
    properties.setProperty("prooflane.key.header", "X-Prooflane-Key");
    properties.setProperty("prooflane.propagation", "opentelemetry-agent");

    DetectorConfig config = DetectorConfig.from(properties);

    assertThat(config.dropsFile()).isEqualTo(Path.of("/state/drops/baseline/catalog.jsonl"));
    assertThat(config.service()).isEqualTo("catalog");
    assertThat(config.destination()).isEqualTo("baseline");
    assertThat(config.baggage()).isEqualTo("prooflane-key");
    assertThat(config.tracestate()).isEmpty();
    assertThat(config.header()).isEqualTo("x-prooflane-key");
    assertThat(config.propagation()).isEqualTo("opentelemetry-agent");
    assertThat(config.maxBytes()).isEqualTo(DetectorConfig.DEFAULT_MAX_BYTES);
    assertThat(config.perCallSite()).isEqualTo(1);
  }

  @Test
  void isOffWithoutADropsFile() {
    assertThat(DetectorConfig.from(new Properties())).isNull();
  }

  @Test
  void refusesATinyLimit() {
    Properties properties = new Properties();
    properties.setProperty("prooflane.drops.file", "d.jsonl");
    properties.setProperty("prooflane.drops.maxBytes", "10");

    assertThatThrownBy(() -> DetectorConfig.from(properties))
        .hasMessage("prooflane.drops.maxBytes: 10 (expected: bytes, at least 1024)");
  }

  @Test
  void namesTheSettingThatIsNotANumber() {
    Properties properties = new Properties();
    properties.setProperty("prooflane.drops.file", "d.jsonl");
    properties.setProperty("prooflane.drops.maxBytes", "1m");

    assertThatThrownBy(() -> DetectorConfig.from(properties))
        .hasMessage(
            "prooflane.drops.maxBytes: '1m' (expected: bytes, at least 1024, as a plain number)");
  }
}
