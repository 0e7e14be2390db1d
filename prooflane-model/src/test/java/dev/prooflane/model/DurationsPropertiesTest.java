package dev.prooflane.model;

import static dev.prooflane.model.testing.Tries.tries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.prooflane.model.testing.GeneratedText;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class DurationsPropertiesTest {
  private static final Duration CALL_BOUND = Duration.ofSeconds(30);

  private static Gen<String> text() {
    Gen<String> term =
        Generate.longRange(0, 9_999_999_999L)
            .zip(Generate.pick(List.of("ms", "s", "m", "h", "d", "", "x", "mss")), (n, u) -> n + u);
    return Generate.oneOf(
        GeneratedText.listOf(term, 0, 6).map(terms -> String.join("", terms)),
        GeneratedText.anyText(100),
        GeneratedText.textOf("0123456789msdh \t-+.", 0, 40),
        Generate.pick(List.of("999999999d", "999999999h", "1s", "5x"))
            .zip(repeats(), String::repeat));
  }

  /**
   * 1 to 150,000, log-uniformly: mostly few, as parsing a 1.5 MB text takes ~100 ms, and some past
   * 106,751 days, where a sum leaves the range of Duration.
   */
  private static Gen<Integer> repeats() {
    return Generate.range(0, 1_000).map(k -> (int) Math.round(Math.pow(150_000, k / 1_000.0)));
  }

  @Test
  void parsesToANonNegativeDurationOrNamesTheExpectedForm() {
    tries(1500)
        .check(
            text(),
            text -> {
              try {
                Duration parsed =
                    assertTimeoutPreemptively(CALL_BOUND, () -> Durations.parse(text));

                assertThat(parsed.isNegative()).isFalse();
                assertThat(
                        Durations.parse(
                            Durations.format(parsed).isEmpty() ? "0s" : Durations.format(parsed)))
                    .isEqualTo(parsed);
              } catch (IllegalArgumentException e) {
                assertThat(e.getMessage())
                    .startsWith("duration: ")
                    .satisfiesAnyOf(
                        m -> assertThat(m).contains("expected: such as 30s"),
                        m -> assertThat(m).endsWith("is too long"));
              }
            });
  }

  @Test
  void refusesASumPastTheRangeOfDuration() {
    String text = "999999999d".repeat(110_000);

    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("is too long");
  }
}
