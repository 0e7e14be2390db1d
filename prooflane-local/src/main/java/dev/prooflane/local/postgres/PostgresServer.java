package dev.prooflane.local.postgres;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.process.Ports;
import dev.prooflane.local.process.ProcessSupervisor;
import dev.prooflane.model.DatabaseSection;
import dev.prooflane.model.PostgresSection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The PostgreSQL server of an environment with a {@code postgres:} section: either one the daemon
 * starts (real PostgreSQL {@value DataFolder#MAJOR} binaries from the {@code
 * io.zonky.test.postgres} Maven artifact, listening on 127.0.0.1 only, its data in {@code
 * <state>/postgres/data}, initialised at the first start and kept across restarts), or an existing
 * server named by {@code url}, which is only connected to and checked.
 *
 * <p>{@link #start} returns once the server answers a {@code SELECT 1} as a user that may {@code
 * CREATE DATABASE}; {@link #admin()} is that login, {@link #url(String)} what a service uses for a
 * database, {@link #ensureDatabases} creates the baseline's databases, {@link #branches()} makes
 * the sandboxes' copies.
 *
 * <p>The server the daemon starts runs as its own process group through {@code pg_ctl}, not under
 * the {@link ProcessSupervisor}: {@link #close()} stops it ({@code pg_ctl stop -m fast}), and a
 * start after a daemon was killed stops the server that daemon left running (named by {@code
 * data/postmaster.pid}) before starting a new one. Its user is {@code postgres}, with a password
 * chosen at the first start and kept in {@code <state>/postgres/password} (owner only). It runs
 * with {@code fsync} off (zonky's setting): fast for tests and branches, but an operating-system
 * crash can lose or corrupt its recent writes; a killed server loses nothing.
 */
public final class PostgresServer implements AutoCloseable {
  /** The database the daemon's own statements run in (never a baseline database). */
  static final String MAINTENANCE_DATABASE = "postgres";

  private final AdminLogin admin;

  /** {@code <state>/postgres}: a started server's data, password and log; the init logs. */
  private final Path folder;

  private final Optional<EmbeddedPostgres> embedded;

  private PostgresServer(AdminLogin admin, Path folder, Optional<EmbeddedPostgres> embedded) {
    this.admin = admin;
    this.folder = folder;
    this.embedded = embedded;
  }

  /**
   * Starts the server of {@code section} with its files in {@code folder} ({@code
   * <state>/postgres}, created when missing), or connects to the existing one that {@code
   * section.url()} names; progress lines go to {@code progress}.
   *
   * @throws PostgresException naming the cause and the fix: the port in use, a data folder of
   *     another PostgreSQL version, no answer within the section's timeout (with the server's last
   *     lines of output), an existing server that does not answer or whose user may not create
   *     databases. Nothing of a failed start keeps running.
   */
  public static PostgresServer start(
      PostgresSection section, Path folder, Consumer<String> progress) {
    requireNonNull(section, "section");
    requireNonNull(folder, "folder");
    requireNonNull(progress, "progress");
    long began = System.nanoTime();
    if (!section.startsServer()) {
      AdminLogin admin = login(section.url().orElseThrow());
      progress.accept("  postgres: using the server at " + admin.url(admin.database()));
      ServerCheck.awaitUp(admin, section.timeout(), "postgres.url");
      return new PostgresServer(admin, folder, Optional.empty());
    }
    DataFolder files = new DataFolder(folder);
    String password = files.passwordForStart();
    int port = section.port() == 0 ? Ports.freePort() : section.port();
    EmbeddedPostgres server =
        EmbeddedServer.start(files, port, password, section.timeout(), progress);
    AdminLogin admin =
        new AdminLogin("127.0.0.1", port, MAINTENANCE_DATABASE, "postgres", password);
    PostgresServer started = new PostgresServer(admin, folder, Optional.of(server));
    try {
      ServerCheck.awaitUp(admin, section.timeout(), "postgres");
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
    progress.accept("  postgres: server up on 127.0.0.1:" + port + " in " + ms + " ms");
    return started;
  }

  /** Whether the daemon started this server (no {@code url} was given). */
  public boolean started() {
    return embedded.isPresent();
  }

  /** The login with {@code CREATEDB} rights that the daemon uses for its own statements. */
  public AdminLogin admin() {
    return admin;
  }

  /** What a service uses to reach {@code database} on this server (URL and parts). */
  public DatabaseUrl url(String database) {
    requireNonNull(database, "database");
    return admin.url(database);
  }

  /**
   * Creates each of {@code databases} that the server does not have yet and runs its init (SQL
   * files through JDBC, each in one transaction; or the init command under {@code supervisor} in
   * {@code workdir}, its output in {@code <folder>/init-<database>.log}); a database that exists is
   * left as it is. A failed init drops the database it had created, so that the next start tries
   * again.
   *
   * @return the names of the databases created now
   * @throws PostgresException naming the database, and for a failed SQL statement its file and line
   *     with the database's own message
   */
  public List<String> ensureDatabases(
      List<DatabaseSection> databases, Path workdir, ProcessSupervisor supervisor) {
    return new BaselineDatabases(admin, workdir, supervisor, folder).ensure(databases);
  }

  /** The branch engine of this server. */
  public Branches branches() {
    return new Branches(admin);
  }

  /**
   * The server's process id (the postmaster's, from {@code data/postmaster.pid}: {@code pg_ctl}
   * starts it in the background), when the daemon started it and it runs.
   */
  public Optional<Long> pid() {
    return embedded.isEmpty() ? Optional.empty() : new DataFolder(folder).postmasterPid();
  }

  /**
   * Stops the server the daemon started ({@code pg_ctl stop -m fast}, which waits up to 5 s; a
   * server still running then is ended as a stale one); nothing for an existing one.
   */
  @Override
  public void close() {
    if (embedded.isPresent()) {
      try {
        embedded.get().close(); // logs, never throws, when pg_ctl fails
      } catch (IOException e) {
        throw new PostgresException("postgres: cannot stop the server: " + e.getMessage(), e);
      } finally {
        EmbeddedServer.stopStale(new DataFolder(folder), line -> {});
      }
    }
  }

  /** The login that {@code url} names ({@code postgresql://user:password@host:port/database}). */
  static AdminLogin login(URI url) {
    String info = url.getRawUserInfo();
    int colon = info.indexOf(':');
    String user = decode(colon < 0 ? info : info.substring(0, colon));
    String password = colon < 0 ? "" : decode(info.substring(colon + 1));
    int port = url.getPort() < 0 ? 5432 : url.getPort();
    String host = url.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new AdminLogin(host, port, url.getPath().substring(1), user, password);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Runs {@code sql} as the admin in the maintenance database, for the engine's one-liners. */
  static void execute(AdminLogin admin, String sql) throws SQLException {
    try (Connection c = admin.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The single value {@code sql} returns, as text (null for SQL NULL or no row). */
  static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Override
  public String toString() {
    return "PostgresServer[" + admin + (started() ? ", started" : ", existing") + "]";
  }

  /** How long a timeout reads in messages. */
  static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }
}
