package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.Verdict;
import dev.prooflane.server.client.DaemonClientException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The exit codes: one mapping of verdicts, apart from the codes of the commands' own errors. */
class ExitCodeTest {
  @Test
  void everyVerdictHasACodeOfItsOwnApartFromTheCommandsErrors() {
    assertThat(ExitCode.of(Verdict.PASS)).isZero();
    assertThat(ExitCode.of(Verdict.FAIL)).isEqualTo(1);
    assertThat(ExitCode.of(Verdict.INCONCLUSIVE)).isEqualTo(5);
    assertThat(ExitCode.of(Verdict.ERROR)).isEqualTo(6);
    assertThat(ExitCode.of(Verdict.SKIPPED)).as("proves nothing either").isEqualTo(5);
    assertThat(List.of(ExitCode.USAGE, ExitCode.STATE, ExitCode.INTERNAL))
        .containsExactly(2, 3, 4)
        .doesNotContainAnyElementsOf(
            Arrays.stream(Verdict.values()).map(ExitCode::of).collect(Collectors.toSet()));
  }

  @Test
  void aVerdictAsTheApiWritesItMapsTheSameWay() {
    for (Verdict v : Verdict.values()) {
      assertThat(ExitCode.ofVerdict(v.name())).as(v.name()).isEqualTo(ExitCode.of(v));
    }
    assertThat(ExitCode.ofVerdict(null)).as("a run that did not finish").isEqualTo(6);
    assertThat(ExitCode.ofVerdict("pass")).as("a verdict this CLI does not know").isEqualTo(6);
  }

  @Test
  void theHelpTableListsEveryCodeOnce() {
    assertThat(ExitCode.table().keySet()).containsExactly("0", "1", "2", "3", "4", "5", "6");
    assertThat(ExitCode.table().get("5")).contains("INCONCLUSIVE");
    assertThat(ExitCode.table().get("6")).contains("ERROR");
  }

  @Test
  void aFailedCallIsUsageForARefusedRequestInternalForADaemonBugElseState() {
    assertThat(ExitCode.of(new DaemonClientException(400, "invalid_spec", "x"))).isEqualTo(2);
    assertThat(ExitCode.of(new DaemonClientException(500, "internal", "x"))).isEqualTo(4);
    assertThat(ExitCode.of(new DaemonClientException(502, "no_result", "x"))).isEqualTo(3);
    assertThat(ExitCode.of(new DaemonClientException(0, "unreachable", "x"))).isEqualTo(3);
    assertThat(ExitCode.of(new DaemonClientException(404, "not_found", "x"))).isEqualTo(3);
  }

  @Test
  void aStateFolderTheDaemonCannotWriteIsStateNotADaemonBug() {
    assertThat(ExitCode.of(new DaemonClientException(507, "insufficient_storage", "disk full")))
        .isEqualTo(ExitCode.STATE);
    assertThat(ExitCode.of(new DaemonClientException(503, "state_unavailable", "read-only")))
        .isEqualTo(ExitCode.STATE);
    assertThat(ExitCode.of(new DaemonClientException(501, "http_501", "x")))
        .isEqualTo(ExitCode.INTERNAL);
  }
}
