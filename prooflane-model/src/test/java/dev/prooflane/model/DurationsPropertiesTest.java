package dev.prooflane.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DurationsPropertiesTest {
  private static final Duration CALL_BOUND = Duration.ofSeconds(2);

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(100),
        Arbitraries.strings().withChars("0123456789msdh \t-+.").ofMaxLength(40),
        Combinators.combine(
                Arbitraries.longs().between(0, 9_999_999_999L),
                Arbitraries.of("ms", "s", "m", "h", "d", "", "x", "mss"))
            .as((n, unit) -> n + unit)
            .list()
            .ofMaxSize(6)
            .map(parts -> String.join("", parts)),
        Combinators.combine(
                Arbitraries.of("999999999d", "999999999h", "1s", "5x"),
                Arbitraries.integers().between(1, 150_000))
            .as(String::repeat));
  }

  @Property(tries = 1500, maxDiscardRatio = 10)
  void parsesToANonNegativeDurationOrNamesTheExpectedForm(@ForAll("text") String text) {
    try {
      Duration parsed = assertTimeoutPreemptively(CALL_BOUND, () -> Durations.parse(text));

      assertThat(parsed.isNegative()).isFalse();
      assertThat(
              Durations.parse(Durations.format(parsed).isEmpty() ? "0s" : Durations.format(parsed)))
          .isEqualTo(parsed);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage())
          .startsWith("duration: ")
          .satisfiesAnyOf(
              m -> assertThat(m).contains("expected: such as 30s"),
              m -> assertThat(m).endsWith("is too long"));
    }
  }

  @Example
  void refusesASumPastTheRangeOfDuration() {
    String text = "999999999d".repeat(110_000);

    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is too long");
  }
}
