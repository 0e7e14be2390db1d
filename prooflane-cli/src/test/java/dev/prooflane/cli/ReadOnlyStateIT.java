package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.local.ReadOnlyFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} with a state folder it cannot write, in the foreground and detached: one line naming
 * the folder and the missing permission, exit 3, nothing touched. The folder is made read-only by
 * {@link ReadOnlyFolder}: {@code chmod a-w} for an ordinary user, {@code chattr +i} for root (whom
 * permission bits do not stop; skipped with the reason where neither bites); a file where the
 * folder should be needs neither and always runs.
 */
class ReadOnlyStateIT {
  @TempDir Path dir;

  private CliProcess.Result up(Path stateDir, String... more) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "up",
                "-f",
                CliProcess.SYNC_SHOP.toString(),
                "--state-dir",
                stateDir.toString(),
                "--api-port",
                "0"));
    args.addAll(List.of(more));
    return CliProcess.run(dir, args.toArray(String[]::new));
  }

  private static void assertOneLineExit3(CliProcess.Result result, String expected) {
    assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(3);
    assertThat(result.err().strip().lines()).singleElement().asString().startsWith(expected);
    assertThat(result.err())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("move it away");
  }

  @Test
  void aReadOnlyStateFolderStopsUpWithOneLineAndExit3InBothModes() throws Exception {
    Path state = Files.createDirectories(dir.resolve("state"));
    Files.writeString(state.resolve("state.db"), "");
    String how = ReadOnlyFolder.make(state);
    try {
      String expected = "prooflane: state folder " + state + ": no write permission";

      CliProcess.Result detached = up(state, "--detach");
      CliProcess.Result foreground = up(state);

      assertOneLineExit3(detached, expected);
      assertOneLineExit3(foreground, expected);
      assertThat(foreground.err()).as("made read-only with " + how).contains("--state-dir");
      try (Stream<Path> entries = Files.list(state)) {
        assertThat(entries).containsExactly(state.resolve("state.db"));
      }
    } finally {
      ReadOnlyFolder.undo(state);
    }
  }

  @Test
  void aFileWhereTheStateFolderShouldBeStopsUpWithOneLineAndExit3() throws Exception {
    Path file = Files.writeString(dir.resolve("state"), "a file");
    String expected = "prooflane: state folder " + file + " is a file, not a folder";

    assertOneLineExit3(up(file, "--detach"), expected);
    assertOneLineExit3(up(file), expected);
    assertThat(Files.readString(file)).isEqualTo("a file");
  }
}
