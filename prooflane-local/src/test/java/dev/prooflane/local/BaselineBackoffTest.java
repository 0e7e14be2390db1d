package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BaselineBackoffTest {
  @Test
  void doublesFromOneSecondUpToThirty() {
    assertThat(Baseline.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Baseline.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Baseline.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(Baseline.backoff(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(Baseline.backoff(1_000)).isEqualTo(Duration.ofSeconds(30));
  }
}
