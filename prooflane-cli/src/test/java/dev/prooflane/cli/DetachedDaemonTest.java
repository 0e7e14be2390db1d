package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a detached daemon's JVM takes over from the JVM of the {@code up} that starts it. */
class DetachedDaemonTest {
  @Test
  void takesOverTheArchiveLoggingAndPicocliPropertiesOfTheLauncher() {
    List<String> launcher =
        List.of(
            "-Dpicocli.disable.closures=true",
            "-Djansi.disable=true",
            "-Xshare:auto",
            "-XX:SharedArchiveFile=/p/prooflane-cli/target/prooflane-daemon.jsa",
            "-Xlog:disable",
            "-Xlog:all=warning:stderr",
            "-Xlog:cds=off,cds+dynamic=off:stderr",
            "-cp",
            "/p/prooflane-cli/target/prooflane-cli.jar",
            "dev.prooflane.cli.Main",
            "up",
            "--detach");

    assertThat(DetachedDaemon.inherited(launcher))
        .containsExactlyElementsOf(launcher.subList(0, 7));
  }

  @Test
  void takesOverNothingElseAndNothingAfterTheClassPath() {
    assertThat(
            DetachedDaemon.inherited(
                List.of(
                    "-Xmx2g",
                    "-XX:TieredStopAtLevel=1",
                    "-Dother=1",
                    "-jar",
                    "app.jar",
                    "-Xshare:on",
                    "-Xlog:gc")))
        .isEmpty();
    assertThat(
            DetachedDaemon.inherited(
                List.of("-Xshare:auto", "dev.prooflane.cli.Main", "-Xlog:gc", "up")))
        .containsExactly("-Xshare:auto");
    assertThat(DetachedDaemon.inherited(List.of())).isEmpty();
  }
}
