package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.core.Verdict;
import dev.prooflane.server.client.DaemonClientException;
import org.junit.jupiter.api.Test;

class ExitCodeTest {
  @Test
  void passIsZeroFailIsOneAndEveryOtherVerdictThree() {
    assertThat(ExitCode.of(Verdict.PASS)).isZero();
    assertThat(ExitCode.of(Verdict.FAIL)).isEqualTo(1);
    assertThat(ExitCode.of(Verdict.INCONCLUSIVE)).isEqualTo(3);
    assertThat(ExitCode.of(Verdict.ERROR)).isEqualTo(3);
    assertThat(ExitCode.of(Verdict.SKIPPED)).isEqualTo(3);
  }

  @Test
  void aVerdictAsTheApiWritesItMapsTheSameWay() {
    for (Verdict v : Verdict.values()) {
      assertThat(ExitCode.ofVerdict(v.name())).as(v.name()).isEqualTo(ExitCode.of(v));
    }
    assertThat(ExitCode.ofVerdict(null)).as("a run that did not finish").isEqualTo(3);
    assertThat(ExitCode.ofVerdict("pass")).isEqualTo(3);
  }

  @Test
  void aFailedCallIsUsageForARefusedRequestInternalForADaemonBugElseState() {
    assertThat(ExitCode.of(new DaemonClientException(400, "invalid_spec", "x"))).isEqualTo(2);
    assertThat(ExitCode.of(new DaemonClientException(500, "internal", "x"))).isEqualTo(4);
    assertThat(ExitCode.of(new DaemonClientException(502, "no_result", "x"))).isEqualTo(3);
    assertThat(ExitCode.of(new DaemonClientException(0, "unreachable", "x"))).isEqualTo(3);
    assertThat(ExitCode.of(new DaemonClientException(404, "not_found", "x"))).isEqualTo(3);
  }
}
