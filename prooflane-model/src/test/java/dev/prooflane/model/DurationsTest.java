package dev.prooflane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parsesAndFormatsCompactDurations() {
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Durations.format(Duration.ofSeconds(5430))).isEqualTo("1h30m30s");
  }

  @Test
  void rejectsGarbageWithTheExpectedForm() {
    assertThatThrownBy(() -> Durations.parse("10 minutes"))
        .hasMessageContaining("expected: such as 30s");
    assertThatThrownBy(() -> Durations.parse("5x")).hasMessageContaining("'5x'");
  }
}
