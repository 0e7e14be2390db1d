package dev.prooflane.local.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps {@code backup} a consistent copy of the database {@code db}: after each committed change a
 * background thread copies it with SQLite's online backup (a read transaction of its own
 * connection, so the copy is one snapshot and writers do not wait) into a temporary file, then
 * moves that over the backup atomically. Changes that arrive while a copy runs are coalesced into
 * the next copy, so the backup trails the last commit by at most two copies (a few milliseconds). A
 * failed copy (a full disk) keeps the previous backup and is reported once on stderr.
 */
final class StateBackup implements AutoCloseable {
  private final Path db;
  private final Path backup;
  private final Path temporary;
  private final ExecutorService worker;
  private final AtomicBoolean pending = new AtomicBoolean();
  private Connection source;
  private String lastProblem;

  StateBackup(Path db, Path backup) {
    this.db = db;
    this.backup = backup;
    this.temporary = backup.resolveSibling(backup.getFileName() + ".tmp");
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "prooflane-state-backup");
              t.setDaemon(true);
              return t;
            });
  }

  /** Asks for a copy of the database as it is now committed. */
  void changed() {
    if (pending.compareAndSet(false, true)) {
      worker.execute(this::copy);
    }
  }

  private void copy() {
    pending.set(false);
    try {
      if (source == null) {
        source = DriverManager.getConnection("jdbc:sqlite:" + db);
        try (Statement statement = source.createStatement()) {
          statement.execute("PRAGMA busy_timeout = 5000");
        }
      }
      Files.deleteIfExists(temporary);
      try (Statement statement = source.createStatement()) {
        statement.executeUpdate("backup to \"" + temporary + "\"");
      }
      Files.move(
          temporary, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      lastProblem = null;
    } catch (IOException | SQLException e) {
      String problem =
          "prooflane: cannot back up "
              + db
              + " to "
              + backup
              + " ("
              + e.getMessage()
              + "); the previous backup stays, and changes since it would be lost if "
              + db.getFileName()
              + " were damaged";
      if (!problem.equals(lastProblem)) {
        System.err.println(problem);
        lastProblem = problem;
      }
    }
  }

  /** Finishes the copy asked for last, then closes the copying connection. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (source != null) {
      try {
        source.close();
      } catch (SQLException e) {
        // only ever read from; nothing to lose
      }
    }
  }
}
