package dev.prooflane.local.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.prooflane.local.process.ProcessRegistry;
import dev.prooflane.local.process.RegisteredProcess;
import dev.prooflane.model.Sandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's durable state in one SQLite file (such as {@code .prooflane/state.db}): sandboxes as
 * JSON documents, the processes it runs (a {@link ProcessRegistry}) and small settings.
 *
 * <p>Thread-safe: one connection, every method synchronized. The file is in WAL mode with a busy
 * timeout, so a second reader (a CLI looking at state) does not fail on a busy database.
 *
 * <p>Opened with a backup ({@link #open(Path, Path, Path)}), it keeps that backup a consistent copy
 * after every committed change, and recovers from it when the database is found damaged on open. A
 * write that fails throws {@link StateWriteException}: nothing of it was committed.
 */
public final class StateStore implements AutoCloseable, ProcessRegistry {
  /** The schema this code reads and writes, kept in {@code PRAGMA user_version}. */
  static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .build();

  private final Path path;
  private final Connection connection;
  private final StateBackup backup;
  private final Recovery recovery;
  private boolean closed;

  /**
   * Opens (creating when missing, with its parent directories) the database at {@code path} and
   * brings its schema up to date; keeps no backup.
   *
   * @throws StateStoreException when the file cannot be opened, is damaged or not a database, or
   *     was written by a newer Prooflane
   */
  public StateStore(Path path) {
    this(requireNonNull(path, "path").toAbsolutePath(), null, null);
  }

  private StateStore(Path path, StateBackup backup, Recovery recovery) {
    this.path = path;
    this.connection = StateConnection.open(path);
    this.backup = backup;
    this.recovery = recovery;
  }

  /** Same as {@link #StateStore(Path)}. */
  public static StateStore open(Path path) {
    return new StateStore(path);
  }

  /**
   * Opens the database at {@code path} as {@link #StateStore(Path)} does, keeping {@code backup} a
   * consistent copy of it after every committed change. A database found damaged on open (it is not
   * a database, or SQLite's {@code quick_check} fails) is moved to {@code damagedAside}, never
   * deleted, and replaced by the backup; {@link #recovery()} then says what was recovered and what
   * was lost.
   *
   * @throws StateStoreException when the database is damaged and there is no usable backup
   */
  public static StateStore open(Path path, Path backup, Path damagedAside) {
    Path db = requireNonNull(path, "path").toAbsolutePath();
    Path copy = requireNonNull(backup, "backup").toAbsolutePath();
    Recovery recovery = null;
    try {
      new StateStore(db).close();
    } catch (DamagedDatabaseException e) {
      Path aside = requireNonNull(damagedAside, "damagedAside").toAbsolutePath();
      recovery = StateRecovery.replaceWithBackup(db, copy, aside, e.reason());
      try {
        new StateStore(db).close();
      } catch (StateStoreException again) {
        StateRecovery.undo(db, aside);
        throw new StateStoreException(
            db,
            "is damaged ("
                + e.reason()
                + ") and so is its backup "
                + copy
                + " ("
                + again.getMessage()
                + "); move it away to start empty (every sandbox record in it is lost)",
            again);
      }
    }
    return new StateStore(db, new StateBackup(db, copy), recovery);
  }

  /** How the database was recovered from its backup when it was opened, if it was damaged. */
  public Optional<Recovery> recovery() {
    return Optional.ofNullable(recovery);
  }

  /** The database file. */
  public Path path() {
    return path;
  }

  /** The JSON a sandbox is stored as. */
  public static String encode(Sandbox sandbox) throws JsonProcessingException {
    return JSON.writeValueAsString(requireNonNull(sandbox, "sandbox"));
  }

  /** Inserts or replaces the sandbox with this name. */
  public synchronized void putSandbox(Sandbox sandbox) {
    requireNonNull(sandbox, "sandbox");
    String json;
    try {
      json = encode(sandbox);
    } catch (JsonProcessingException e) {
      throw new StateStoreException(
          path, "cannot encode sandbox '" + sandbox.name() + "': " + e.getOriginalMessage(), e);
    }
    update(
        "write sandbox '" + sandbox.name() + "'",
        "INSERT INTO sandboxes (name, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO"
            + " UPDATE SET json = excluded.json, updated_at = excluded.updated_at",
        sandbox.name(),
        json,
        Instant.now().toString());
  }

  /**
   * The sandbox with this name, if stored.
   *
   * @throws CorruptedSandboxException when its row cannot be read back
   */
  public synchronized Optional<Sandbox> sandbox(String name) {
    requireNonNull(name, "name");
    List<String[]> rows =
        query(
            "read sandbox '" + name + "'", "SELECT name, json FROM sandboxes WHERE name = ?", name);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(decode(rows.get(0)[0], rows.get(0)[1]));
    } catch (IOException | RuntimeException e) {
      throw corrupted(List.of(name), List.of(), e);
    }
  }

  /**
   * Every stored sandbox, ordered by name.
   *
   * @throws CorruptedSandboxException when some rows cannot be read back; it names them and holds
   *     the others
   */
  public synchronized List<Sandbox> sandboxes() {
    List<String[]> rows = query("read sandboxes", "SELECT name, json FROM sandboxes ORDER BY name");
    List<Sandbox> readable = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    Exception first = null;
    for (String[] row : rows) {
      try {
        readable.add(decode(row[0], row[1]));
      } catch (IOException | RuntimeException e) {
        broken.add(row[0]);
        first = first == null ? e : first;
      }
    }
    if (!broken.isEmpty()) {
      throw corrupted(broken, readable, first);
    }
    return readable;
  }

  /** Deletes the sandbox with this name; does nothing when there is none. */
  public synchronized void deleteSandbox(String name) {
    requireNonNull(name, "name");
    update("delete sandbox '" + name + "'", "DELETE FROM sandboxes WHERE name = ?", name);
  }

  @Override
  public synchronized void add(String id, long pid, Instant startedAt) {
    requireNonNull(id, "id");
    requireNonNull(startedAt, "startedAt");
    update(
        "record process " + id + " (pid " + pid + ")",
        "INSERT OR REPLACE INTO processes (pid, id, started_at) VALUES (?, ?, ?)",
        pid,
        id,
        startedAt.toString());
  }

  @Override
  public synchronized void remove(long pid) {
    update("forget process " + pid, "DELETE FROM processes WHERE pid = ?", pid);
  }

  /**
   * Every recorded process, ordered by pid. A record with an unreadable start instant comes back
   * with {@link Instant#EPOCH}, which no live process matches, so it is never reaped by mistake.
   */
  @Override
  public synchronized List<RegisteredProcess> all() {
    List<RegisteredProcess> processes = new ArrayList<>();
    for (String[] row :
        query("read processes", "SELECT pid, id, started_at FROM processes ORDER BY pid")) {
      processes.add(
          new RegisteredProcess(
              row[1] == null ? "?" : row[1], Long.parseLong(row[0]), instant(row[2])));
    }
    return processes;
  }

  /** The setting with this key, if set. */
  public synchronized Optional<String> meta(String key) {
    requireNonNull(key, "key");
    List<String[]> rows =
        query("read setting '" + key + "'", "SELECT value FROM meta WHERE key = ?", key);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0)[0]);
  }

  /** Sets the setting with this key. */
  public synchronized void putMeta(String key, String value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    update(
        "write setting '" + key + "'",
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value ="
            + " excluded.value",
        key,
        value);
  }

  /** Closes the database; later calls fail. Closing twice does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StateStoreException(path, "cannot close: " + e.getMessage(), e);
    } finally {
      if (backup != null) {
        backup.close();
      }
    }
  }

  private Sandbox decode(String name, String json) throws IOException {
    Sandbox sandbox = JSON.readValue(json, Sandbox.class);
    if (!sandbox.name().equals(name)) {
      throw new IOException("the row holds sandbox '" + sandbox.name() + "'");
    }
    return sandbox;
  }

  private CorruptedSandboxException corrupted(
      List<String> names, List<Sandbox> readable, Exception cause) {
    String reason =
        cause instanceof JsonProcessingException json
            ? json.getOriginalMessage()
            : cause.toString();
    return new CorruptedSandboxException(
        path,
        names,
        readable,
        "cannot read sandbox"
            + (names.size() == 1 ? " '" + names.get(0) + "'" : "s " + names)
            + " ("
            + reason
            + "); the other rows are intact: delete the damaged one"
            + (names.size() == 1 ? "" : "s")
            + " (prooflane sandbox delete NAME) and create it again",
        cause);
  }

  private static Instant instant(String text) {
    try {
      return text == null ? Instant.EPOCH : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private void update(String what, String sql, Object... args) {
    try (PreparedStatement statement = prepare(sql, args)) {
      statement.executeUpdate();
    } catch (SQLException e) {
      throw StateWriteException.of(path, what + " in the state database", e);
    }
    if (backup != null) {
      backup.changed();
    }
  }

  private List<String[]> query(String what, String sql, Object... args) {
    try (PreparedStatement statement = prepare(sql, args);
        ResultSet rows = statement.executeQuery()) {
      int columns = rows.getMetaData().getColumnCount();
      List<String[]> result = new ArrayList<>();
      while (rows.next()) {
        String[] row = new String[columns];
        for (int i = 0; i < columns; i++) {
          row[i] = rows.getString(i + 1);
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new StateStoreException(path, "cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    if (closed) {
      throw new IllegalStateException("state database " + path + " is closed");
    }
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
