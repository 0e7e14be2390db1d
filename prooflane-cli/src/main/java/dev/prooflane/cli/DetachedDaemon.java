package dev.prooflane.cli;

import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.Durations;
import dev.prooflane.server.DaemonInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@code prooflane up} as a background process and follows its log until it is ready, so
 * that its progress (each service starting, still waiting, healthy or failed) reaches the caller.
 */
final class DetachedDaemon {
  /**
   * How long the daemon may print nothing before the wait gives up (or three progress intervals,
   * when longer): a service whose health check waits is reported every interval, so silence means
   * something is stuck.
   */
  static final Duration SILENCE = Duration.ofSeconds(180);

  /** The options after which a JVM's command line names what it runs. */
  private static final List<String> CLASS_PATH =
      List.of("-cp", "-classpath", "--class-path", "-jar", "-m", "--module");

  /** How the options begin that the daemon's JVM takes over from this one. */
  private static final List<String> INHERITED =
      List.of("-Xshare:", "-XX:SharedArchiveFile=", "-Xlog:", "-Dpicocli.", "-Djansi.");

  private final Path stateDir;
  private final Path envFile;
  private final int apiPort;
  private final String host;
  private final PrintWriter out;

  /** The daemon of {@code envFile} and {@code stateDir}, whose start log goes to {@code out}. */
  DetachedDaemon(Path stateDir, Path envFile, int apiPort, String host, PrintWriter out) {
    this.stateDir = stateDir;
    this.envFile = envFile;
    this.apiPort = apiPort;
    this.host = host;
    this.out = out;
  }

  /**
   * The options among this JVM's {@code arguments} (its command line after the executable) that the
   * daemon's JVM takes over: the start-up archive the launcher named and how the JVM logs, so that
   * the daemon maps the archive too and says nothing about it, and the properties that spare
   * picocli its lookups of classes that are not there.
   */
  static List<String> inherited(List<String> arguments) {
    List<String> options = new ArrayList<>();
    for (String argument : arguments) {
      if (!argument.startsWith("-") || CLASS_PATH.contains(argument)) {
        break; // the JVM's options end where the class path, a jar or the main class begins
      }
      if (INHERITED.stream().anyMatch(argument::startsWith)) {
        options.add(argument);
      }
    }
    return options;
  }

  int start() throws IOException, InterruptedException {
    return start(List.of(), LocalOptions.PROGRESS_INTERVAL);
  }

  /**
   * Starts the daemon with {@code extraArgs} added to its {@code up} command line, reporting a
   * service whose health check still waits every {@code progressInterval}; returns once it is
   * ready.
   */
  int start(List<String> extraArgs, Duration progressInterval)
      throws IOException, InterruptedException {
    Duration silence = max(SILENCE, progressInterval.multipliedBy(3));
    Optional<DaemonInfo> running = DaemonInfo.read(stateDir).filter(DaemonInfo::alive);
    if (running.isPresent()) {
      throw new CliException(
          ExitCode.STATE,
          "a daemon already runs for "
              + stateDir
              + " ("
              + running.get().apiUrl()
              + "); stop it with: prooflane down");
    }
    StateFolder state = StateFolder.of(stateDir);
    UpCommand.deleteQuietly(state.daemonInfo());
    Path log = state.daemonLog();
    Files.deleteIfExists(log);
    try {
      // owner only, like admin.token: the log shows the state folder and the services' output
      Files.createFile(
          log,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      // not POSIX: the folder's ACL applies
    }
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid"); // own session: a Ctrl-C in this terminal does not reach it
    }
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        inherited(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of())));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(
        List.of(
            "up",
            "-f",
            envFile.toString(),
            "--state-dir",
            stateDir.toString(),
            "--api-port",
            Integer.toString(apiPort),
            "--host",
            host));
    command.addAll(List.of("--progress-interval", Durations.format(progressInterval)));
    command.addAll(extraArgs);
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(log.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    out.println("prooflane: daemon starting in the background (log: " + log + ")");
    out.flush();
    Follower follower = new Follower(log);
    long lastOutput = System.nanoTime();
    while (true) {
      if (follower.echo()) {
        lastOutput = System.nanoTime();
      }
      if (follower.ready) {
        return ExitCode.OK;
      }
      if (!process.isAlive()) {
        follower.echo();
        throw new CliException(
            ExitCode.STATE,
            "the daemon exited with code "
                + process.waitFor()
                + " before it was ready (log: "
                + log
                + ")");
      }
      if (System.nanoTime() - lastOutput > silence.toNanos()) {
        throw new CliException(
            ExitCode.STATE,
            "the daemon (pid "
                + process.pid()
                + ") is not ready and printed nothing for "
                + Durations.format(silence)
                + "; see its log "
                + log
                + ", and stop it with: prooflane down");
      }
      Thread.sleep(100);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * Echoes the daemon's log line by line as it grows, up to the line that says it is ready ({@link
   * UpCommand#READY}): the caller prints the summary itself, from the API.
   */
  private final class Follower {
    private final Path log;
    private long offset;
    boolean ready;

    Follower(Path log) {
      this.log = log;
    }

    /** Echoes the complete lines written since the last call; whether there were any. */
    boolean echo() throws IOException {
      if (ready || !Files.exists(log)) {
        return false;
      }
      String text;
      try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
        if (in.length() <= offset) {
          return false;
        }
        in.seek(offset);
        byte[] bytes = new byte[(int) (in.length() - offset)];
        in.readFully(bytes);
        text = new String(bytes, StandardCharsets.UTF_8);
      }
      int end = text.lastIndexOf('\n');
      if (end < 0) {
        return false;
      }
      String lines = text.substring(0, end + 1);
      offset += lines.getBytes(StandardCharsets.UTF_8).length;
      for (String line : lines.split("\n")) {
        if (line.startsWith(UpCommand.READY)) {
          ready = true;
          break;
        }
        out.println(line);
      }
      out.flush();
      return true;
    }
  }
}
