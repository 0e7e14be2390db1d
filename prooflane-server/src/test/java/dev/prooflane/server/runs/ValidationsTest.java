package dev.prooflane.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.server.json.RunView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationsTest {
  /** Runs with these verdicts; null stands for a run that failed without one. */
  private static List<RunView> runs(String... verdicts) {
    return Arrays.stream(verdicts)
        .map(
            v ->
                new RunView(
                    "id-" + v,
                    v == null ? "FAILED" : "DONE",
                    "skill",
                    "sandbox",
                    Instant.EPOCH,
                    v,
                    "",
                    List.of(),
                    Map.of(),
                    List.of()))
        .toList();
  }

  @Test
  void passesOnlyWhenEveryRunPassed() {
    assertThat(Validations.verdict(runs("PASS"))).isEqualTo("PASS");
    assertThat(Validations.verdict(runs("PASS", "PASS"))).isEqualTo("PASS");
  }

  @Test
  void failsWhenOneRunFailedWhateverTheOthersSay() {
    assertThat(Validations.verdict(runs("PASS", "FAIL"))).isEqualTo("FAIL");
    assertThat(Validations.verdict(runs("ERROR", "INCONCLUSIVE", "FAIL"))).isEqualTo("FAIL");
  }

  @Test
  void isAnErrorWhenARunErredOrEndedWithoutAVerdict() {
    assertThat(Validations.verdict(runs("PASS", "ERROR"))).isEqualTo("ERROR");
    assertThat(Validations.verdict(runs("PASS", null))).isEqualTo("ERROR");
    assertThat(Validations.verdict(runs("INCONCLUSIVE", "ERROR"))).isEqualTo("ERROR");
  }

  @Test
  void isInconclusiveWhenARunDidNotExerciseTheChange() {
    assertThat(Validations.verdict(runs("PASS", "INCONCLUSIVE"))).isEqualTo("INCONCLUSIVE");
  }
}
