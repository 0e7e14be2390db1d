package dev.prooflane.model.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomesTest {
  @Test
  void demandsThatEveryNamedOutcomeOccurred() {
    Outcomes outcomes = new Outcomes();
    outcomes.count("policy");
    outcomes.count("policy");

    assertThatThrownBy(() -> outcomes.assertOccurred("policy", "located problems"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("located problems");
    outcomes.count("located problems");
    assertThatCode(() -> outcomes.assertOccurred("policy", "located problems"))
        .doesNotThrowAnyException();
  }

  @Test
  void allowsAtMostTenSkippedTriesPerCheckedOne() {
    Outcomes outcomes = new Outcomes();
    outcomes.count("located problems");
    for (int i = 0; i < 10; i++) {
      outcomes.skip();
    }

    assertThatCode(outcomes::assertFewSkipped).doesNotThrowAnyException();
    outcomes.skip();
    assertThatThrownBy(outcomes::assertFewSkipped)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("skipped tries");
  }
}
