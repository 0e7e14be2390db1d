package dev.prooflane.local.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Puts a state database's backup in the place of the damaged database: the damaged file (with its
 * {@code -wal} and {@code -shm}) is moved aside, never deleted, and what the backup misses is read
 * from the damaged file's rows as far as they can still be read.
 */
final class StateRecovery {
  private static final List<String> SIDE_FILES = List.of("", "-wal", "-shm");

  private StateRecovery() {}

  /**
   * Moves {@code db} to {@code aside} and copies {@code backup} in its place.
   *
   * @param cause what is wrong with {@code db}
   * @throws StateStoreException when there is no backup, or a file cannot be moved or copied (then
   *     {@code db} is where it was)
   */
  static Recovery replaceWithBackup(Path db, Path backup, Path aside, String cause) {
    if (!Files.isRegularFile(backup)) {
      throw new StateStoreException(
          db,
          "is damaged ("
              + cause
              + ") and there is no backup to recover it from ("
              + backup
              + " is missing); move it away to start empty (every sandbox record in it is lost)",
          null);
    }
    Instant backupTime;
    Map<String, String> kept;
    try {
      backupTime = Files.getLastModifiedTime(backup).toInstant();
      kept = rows(backup).orElse(Map.of());
    } catch (IOException e) {
      throw new StateStoreException(db, "cannot read the backup " + backup + ": " + e, e);
    }
    Optional<Map<String, String>> found = rows(db);
    try {
      for (String suffix : SIDE_FILES) {
        Path from = db.resolveSibling(db.getFileName() + suffix);
        if (Files.exists(from)) {
          Files.move(from, aside.resolveSibling(aside.getFileName() + suffix));
        }
      }
      Files.copy(backup, db, StandardCopyOption.COPY_ATTRIBUTES);
    } catch (IOException e) {
      throw new StateStoreException(
          db,
          "is damaged ("
              + cause
              + ") and cannot be replaced by its backup "
              + backup
              + ": "
              + e
              + "; the damaged files may be at "
              + aside
              + " (copy the backup to "
              + db
              + " by hand)",
          e);
    }
    return new Recovery(
        aside,
        cause,
        backup,
        backupTime,
        List.copyOf(kept.keySet()),
        found.map(rows -> lost(kept, rows)).orElse(List.of()),
        found.isPresent());
  }

  /** Moves the recovered copy away and {@code aside} back to {@code db}: the backup failed too. */
  static void undo(Path db, Path aside) {
    try {
      Files.deleteIfExists(db);
      for (String suffix : SIDE_FILES) {
        Path moved = aside.resolveSibling(aside.getFileName() + suffix);
        if (Files.exists(moved)) {
          Files.move(moved, db.resolveSibling(db.getFileName() + suffix));
        }
      }
    } catch (IOException e) {
      // the error about the backup is the one to report; the damaged file is still at aside
    }
  }

  private static List<String> lost(Map<String, String> kept, Map<String, String> found) {
    List<String> lost = new ArrayList<>();
    found.forEach(
        (name, updated) -> {
          if (!kept.containsKey(name)) {
            lost.add("'" + name + "' was created after the backup (its record is lost)");
          } else if (updated != null
              && kept.get(name) != null
              && updated.compareTo(kept.get(name)) > 0) {
            lost.add(
                "'"
                    + name
                    + "' changed at "
                    + updated
                    + ", after the backup (restored as it was at "
                    + kept.get(name)
                    + ")");
          }
        });
    kept.keySet().stream()
        .filter(name -> !found.containsKey(name))
        .forEach(
            name ->
                lost.add(
                    "'" + name + "' was deleted after the backup (restored: delete it again)"));
    return lost;
  }

  /**
   * The sandboxes of the database {@code file} (name to the time of its last change), read from a
   * copy so that the file itself is never written; empty when its rows cannot be read.
   */
  private static Optional<Map<String, String>> rows(Path file) {
    Path copy = null;
    try {
      copy = Files.createTempDirectory("prooflane-salvage");
      for (String suffix : List.of("", "-wal")) {
        Path from = file.resolveSibling(file.getFileName() + suffix);
        if (Files.exists(from)) {
          Files.copy(from, copy.resolve("state.db" + suffix));
        }
      }
      Map<String, String> rows = new TreeMap<>();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy.resolve("state.db"));
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT name, updated_at FROM sandboxes NOT INDEXED")) {
        while (r.next()) {
          rows.put(r.getString(1), r.getString(2));
        }
      }
      return Optional.of(rows);
    } catch (IOException | SQLException e) {
      return Optional.empty();
    } finally {
      deleteTree(copy);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary copy left in the temp folder; nothing of the state depends on it
    }
  }
}
