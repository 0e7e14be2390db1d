package dev.prooflane.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.Sandbox;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup of the state database and the recovery of a damaged one, on real SQLite files. */
class StateBackupTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("state.db");
  }

  private Path backup() {
    return dir.resolve("state.db.backup");
  }

  private Path aside() {
    return dir.resolve("state.db.corrupt-20261201T100000Z");
  }

  private StateStore open() {
    return StateStore.open(db(), backup(), aside());
  }

  @Test
  void keepsAConsistentCopyAfterEveryCommittedChange() throws Exception {
    try (StateStore store = open()) {
      store.putSandbox(StateStoreTest.sandbox("a"));
      store.putSandbox(StateStoreTest.sandbox("b"));
      store.deleteSandbox("a");
    }

    Path copy = Files.copy(backup(), dir.resolve("copy.db"));
    try (StateStore restored = new StateStore(copy)) {
      assertThat(restored.sandboxes()).extracting(Sandbox::name).containsExactly("b");
    }
    assertThat(dir.resolve("state.db.backup.tmp")).doesNotExist();
  }

  @Test
  void recoversADamagedDatabaseFromItsBackupSayingWhatWasRecoveredAndWhatWasLost()
      throws Exception {
    try (StateStore store = open()) {
      store.putSandbox(StateStoreTest.sandbox("kept"));
      store.putSandbox(StateStoreTest.sandbox("gone-later"));
    }
    try (StateStore withoutBackup = new StateStore(db())) {
      withoutBackup.putSandbox(StateStoreTest.sandbox("newer"));
      withoutBackup.deleteSandbox("gone-later");
    }
    // the index of the sandboxes table is damaged; the table's rows can still be read
    overwritePage(db(), rootPage(db(), "sqlite_autoindex_sandboxes_1"));
    byte[] damaged = Files.readAllBytes(db());

    try (StateStore store = open()) {
      Recovery recovery = store.recovery().orElseThrow();

      assertThat(store.sandboxes()).extracting(Sandbox::name).containsExactly("gone-later", "kept");
      assertThat(recovery.recovered()).containsExactly("gone-later", "kept");
      assertThat(recovery.damagedReadable()).isTrue();
      assertThat(recovery.lost())
          .containsExactly(
              "'newer' was created after the backup (its record is lost)",
              "'gone-later' was deleted after the backup (restored: delete it again)");
      assertThat(recovery.damaged()).isEqualTo(aside());
      assertThat(recovery.cause()).contains("quick_check");
      assertThat(recovery.describe())
          .contains("recovered from the backup " + backup())
          .contains("2 sandbox(es) gone-later, kept")
          .contains("kept as " + aside())
          .contains("Lost: 'newer' was created after the backup");
    }
    assertThat(Files.readAllBytes(aside()))
        .as("the damaged file, moved, never changed")
        .isEqualTo(damaged);
  }

  @Test
  void saysChangesAfterTheBackupAreLostWhenNoRowOfTheDamagedFileCanBeRead() throws Exception {
    try (StateStore store = open()) {
      store.putSandbox(StateStoreTest.sandbox("kept"));
    }
    overwrite(db(), 0, "this is no longer an SQLite header".repeat(4));

    try (StateStore store = open()) {
      Recovery recovery = store.recovery().orElseThrow();

      assertThat(store.sandboxes()).extracting(Sandbox::name).containsExactly("kept");
      assertThat(recovery.damagedReadable()).isFalse();
      assertThat(recovery.lost()).isEmpty();
      assertThat(recovery.cause()).contains("not a database");
      assertThat(recovery.describe())
          .contains("changes to sandboxes after the backup are lost")
          .contains("the audit log lists sandbox events after " + recovery.backupTime());
    }
    assertThat(aside()).exists();
  }

  @Test
  void refusesToStartEmptyWhenThereIsNoBackupAndLeavesTheDamagedFileWhereItIs() throws Exception {
    try (StateStore store = new StateStore(db())) {
      store.putSandbox(StateStoreTest.sandbox("only"));
    }
    overwrite(db(), 0, "garbage".repeat(20));
    byte[] damaged = Files.readAllBytes(db());

    assertThatThrownBy(this::open)
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("is damaged")
        .hasMessageContaining("there is no backup to recover it from (" + backup() + " is missing)")
        .hasMessageContaining("move it away to start empty");
    assertThat(Files.readAllBytes(db())).isEqualTo(damaged);
    assertThat(aside()).doesNotExist();
  }

  @Test
  void putsTheDamagedFileBackWhenTheBackupIsDamagedToo() throws Exception {
    try (StateStore store = open()) {
      store.putSandbox(StateStoreTest.sandbox("only"));
    }
    overwrite(db(), 0, "garbage".repeat(20));
    overwrite(backup(), 0, "garbage".repeat(20));
    byte[] damaged = Files.readAllBytes(db());

    assertThatThrownBy(this::open)
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("and so is its backup " + backup());
    assertThat(Files.readAllBytes(db())).isEqualTo(damaged);
    assertThat(aside()).doesNotExist();
  }

  @Test
  void opensAnIntactDatabaseWithoutRecovery() {
    try (StateStore store = open()) {
      store.putSandbox(StateStoreTest.sandbox("a"));
    }
    try (StateStore store = open()) {
      assertThat(store.recovery()).isEmpty();
      assertThat(store.sandboxes()).extracting(Sandbox::name).containsExactly("a");
    }
  }

  private static int rootPage(Path db, String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = '" + name + "'")) {
      assertThat(rows.next()).isTrue();
      return rows.getInt(1);
    }
  }

  private static void overwritePage(Path db, int page) throws Exception {
    overwrite(db, (long) (page - 1) * 4096, "x".repeat(512));
  }

  private static void overwrite(Path file, long offset, String text) throws Exception {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), offset);
      channel.force(true);
    }
  }
}
