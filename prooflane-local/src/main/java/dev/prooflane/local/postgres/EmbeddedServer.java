package dev.prooflane.local.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Starts the PostgreSQL server of a {@link DataFolder} with zonky's launcher: {@code initdb} at the
 * first start only, then {@code pg_ctl start} on 127.0.0.1 only (no Unix socket), the host
 * connections asking for the {@code postgres} user's password (SCRAM).
 *
 * <p>What it checks before starting, so that a failure names its cause at once instead of after the
 * whole timeout: a data folder of another major version, the port in use, and a server left running
 * by a daemon that was killed (stopped first: the data folder is the daemon's own).
 */
final class EmbeddedServer {
  /** How long a stale or half-started server gets to stop before it is killed. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private EmbeddedServer() {}

  /**
   * The started server.
   *
   * @throws PostgresException naming the cause, with the server's last lines of output; nothing of
   *     the failed start keeps running
   */
  static EmbeddedPostgres start(
      DataFolder folder, int port, String password, Duration timeout, Consumer<String> progress) {
    Optional<String> version = folder.version();
    if (version.isPresent() && !version.get().equals(DataFolder.MAJOR)) {
      throw new PostgresException(
          "postgres: "
              + folder.data()
              + " holds the data of PostgreSQL "
              + version.get()
              + ", but this Prooflane runs PostgreSQL "
              + DataFolder.MAJOR
              + " (dump it with PostgreSQL "
              + version.get()
              + "'s pg_dump and delete the folder, or delete it to start empty)");
    }
    stopStale(folder, progress);
    requireFree(port);
    boolean first = !folder.initialised();
    if (first) {
      progress.accept("  postgres: initialising " + folder.data() + " (first start)");
    }
    long logFrom = folder.logSize();
    try {
      Files.createDirectories(folder.root());
      return EmbeddedPostgres.builder()
          .setDataDirectory(folder.data())
          .setCleanDataDirectory(false)
          .setPort(port)
          .setPGStartupWait(timeout)
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("unix_socket_directories", "")
          // zonky hands each "locale" entry to initdb as --key=value: the password of the
          // postgres user, and password authentication for TCP connections (the first start)
          .setLocaleConfig("pwfile", folder.password().toString())
          .setLocaleConfig("auth-host", "scram-sha-256")
          .setConnectConfig("password", password)
          .setOutputRedirector(ProcessBuilder.Redirect.appendTo(folder.log().toFile()))
          .setErrorRedirector(ProcessBuilder.Redirect.appendTo(folder.log().toFile()))
          .start();
    } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
      stopStale(folder, s -> {});
      String cause =
          e.getMessage() != null && e.getMessage().startsWith("Gave up waiting")
              ? "did not answer within "
                  + timeout.toSeconds()
                  + " s (raise postgres.timeout if the machine is slow)"
              : "failed: " + e;
      throw new PostgresException(
          "postgres: the server on 127.0.0.1:"
              + port
              + " "
              + cause
              + "; its log is "
              + folder.log()
              + lastLines(folder.logSince(logFrom)),
          e);
    }
  }

  private static String lastLines(String lines) {
    return lines.isEmpty() ? "" : "; its last lines:" + lines;
  }

  private static void requireFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new PostgresException(
          "postgres.port: "
              + port
              + " on 127.0.0.1 is in use by another program (stop it, or pick another port, or 0"
              + " for a free one at each start)",
          e);
    }
  }

  /**
   * Stops the server that {@code postmaster.pid} names, if it still runs: left by a daemon that was
   * killed, or by a start that failed half way. SIGTERM first, then SIGKILL to it and its backends.
   */
  static void stopStale(DataFolder folder, Consumer<String> progress) {
    Optional<ProcessHandle> postmaster =
        folder
            .postmasterPid()
            .flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    if (postmaster.isEmpty()) {
      return;
    }
    ProcessHandle p = postmaster.get();
    progress.accept(
        "  postgres: stopping the server left running on "
            + folder.data()
            + " (pid "
            + p.pid()
            + ")");
    List<ProcessHandle> backends = p.descendants().toList();
    p.destroy();
    try {
      p.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      p.destroyForcibly();
      backends.forEach(ProcessHandle::destroyForcibly);
      p.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PostgresException("postgres: interrupted while stopping pid " + p.pid(), e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new PostgresException("postgres: cannot stop pid " + p.pid() + ": " + e.getCause(), e);
    }
  }
}
