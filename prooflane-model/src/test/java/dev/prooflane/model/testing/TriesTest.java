package dev.prooflane.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TriesTest {
  @Test
  void reportsTheSmallestFailingInputAndTheSeedToRerunWith() {
    assertThatThrownBy(
            () ->
                Tries.tries(1000)
                    .seed(42)
                    .check(
                        GeneratedText.textOf("ab", 0, 50),
                        text -> assertThat(text).doesNotContain("b")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("(seed 42: rerun this test with -DQT_SEED=42)")
        .hasMessageContaining("smallest failing input: \"b\"\n")
        .hasMessageContaining("failure: java.lang.AssertionError")
        .cause()
        .hasMessageContaining("not to contain");
  }

  @Test
  void failsWithTheSameInputsFromTheSameSeed() {
    Throwable first = failure(7);
    Throwable again = failure(7);

    assertThat(again).hasMessage(first.getMessage());
    assertThat(first.getMessage()).contains("first failing input found: ");
  }

  @Test
  void runsAsManyTriesAsAskedLessRepeatedInputs() {
    AtomicInteger runs = new AtomicInteger();

    Tries.tries(500).check(GeneratedText.anyText(300), text -> runs.incrementAndGet());

    assertThat(runs).hasValueBetween(490, 500);
  }

  @Test
  void passesWhenEveryTryHolds() {
    AtomicInteger runs = new AtomicInteger();

    Tries.tries(100)
        .check(
            GeneratedText.textOf("xyz", 1, 5),
            text -> {
              runs.incrementAndGet();
              assertThat(text).matches("[xyz]{1,5}");
            });

    assertThat(runs).hasPositiveValue();
  }

  @Test
  void refusesNoTries() {
    assertThatThrownBy(() -> Tries.tries(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tries: 0 (expected: > 0)");
  }

  private static Throwable failure(long seed) {
    return catchThrowable(
        () ->
            Tries.tries(1000)
                .seed(seed)
                .check(
                    GeneratedText.anyText(300),
                    text -> assertThat(text).doesNotContainPattern("[\\x00-\\x1f]")));
  }
}
