package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check {@code up} makes before it writes anything. A read-only folder is made so by {@link
 * ReadOnlyFolder}: {@code chmod a-w} for an ordinary user, {@code chattr +i} for root (whom
 * permission bits do not stop); a file where the folder should be needs neither and always runs.
 */
class StateFolderCheckTest {
  @TempDir Path dir;

  @Test
  void refusesAFolderItCannotCreateFilesInNamingTheFolderAndThePermissionOnOneLine()
      throws Exception {
    Path root = Files.createDirectories(dir.resolve("state"));
    Files.writeString(root.resolve("state.db"), "");
    String how = ReadOnlyFolder.make(root);
    try {
      assertThatThrownBy(() -> StateFolderCheck.requireWritable(StateFolder.of(root)))
          .as("made read-only with " + how)
          .isInstanceOfSatisfying(
              StateFolderException.class, e -> assertThat(e.folder()).isEqualTo(root))
          .hasMessageStartingWith("state folder " + root + ": no write permission")
          .hasMessageContaining("choose another --state-dir")
          .hasMessageNotContaining("\n")
          .hasMessageNotContaining("move it away");
      try (var entries = Files.list(root)) {
        assertThat(entries).containsExactly(root.resolve("state.db"));
      }
    } finally {
      ReadOnlyFolder.undo(root);
    }
  }

  @Test
  void refusesAFileOfTheFolderItCannotWrite() throws Exception {
    Path root = Files.createDirectories(dir.resolve("state"));
    Path db = Files.writeString(root.resolve("state.db"), "");
    String how = ReadOnlyFolder.make(db);
    try {
      assertThatThrownBy(() -> StateFolderCheck.requireWritable(StateFolder.of(root)))
          .as("made read-only with " + how)
          .isInstanceOf(StateFolderException.class)
          .hasMessageStartingWith(
              "state folder " + root + ": no write permission on its file state.db")
          .hasMessageContaining("chmod u+w " + db)
          .hasMessageNotContaining("\n");
    } finally {
      ReadOnlyFolder.undo(db);
    }
  }

  @Test
  void refusesAFileWhereTheFolderShouldBe() throws Exception {
    Path file = Files.writeString(dir.resolve("state"), "not a folder");

    assertThatThrownBy(() -> StateFolderCheck.requireWritable(StateFolder.of(file)))
        .isInstanceOf(StateFolderException.class)
        .hasMessage(
            "state folder "
                + file
                + " is a file, not a folder; move the file away or choose another --state-dir");
    assertThat(Files.readString(file)).isEqualTo("not a folder");
  }

  @Test
  void refusesAFolderItCannotCreateUnderAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "");

    assertThatThrownBy(() -> StateFolderCheck.requireWritable(StateFolder.of(file.resolve("s"))))
        .isInstanceOf(StateFolderException.class)
        .hasMessageStartingWith("cannot create the state folder " + file.resolve("s"))
        .hasMessageNotContaining("\n");
  }

  @Test
  void createsAMissingFolderAndLeavesNothingBehindInIt() throws Exception {
    Path root = dir.resolve("a/b/state");

    StateFolderCheck.requireWritable(StateFolder.of(root));

    assertThat(root).isDirectory();
    try (var entries = Files.list(root)) {
      assertThat(entries).isEmpty();
    }
  }
}
