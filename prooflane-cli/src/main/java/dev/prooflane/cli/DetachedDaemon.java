package dev.prooflane.cli;

import dev.prooflane.local.StateFolder;
import dev.prooflane.server.DaemonInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts {@code prooflane up} as a background process and follows its log until it is ready. */
final class DetachedDaemon {
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

  int start() throws IOException, InterruptedException {
    return start(List.of());
  }

  /** Starts the daemon with {@code extraArgs} added to its {@code up} command line. */
  int start(List<String> extraArgs) throws IOException, InterruptedException {
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
    command.addAll(extraArgs);
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(log.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    out.println("prooflane: daemon starting in the background (log: " + log + ")");
    long offset = 0;
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (System.nanoTime() < deadline) {
      offset = echo(log, offset);
      Optional<DaemonInfo> info = DaemonInfo.read(stateDir);
      if (info.isPresent() && info.get().alive()) {
        Thread.sleep(100);
        echo(log, offset);
        return ExitCode.OK;
      }
      if (!process.isAlive()) {
        echo(log, offset);
        throw new CliException(
            ExitCode.STATE,
            "the daemon exited with code "
                + process.exitValue()
                + " before it was ready (log: "
                + log
                + ")");
      }
      Thread.sleep(100);
    }
    throw new CliException(
        ExitCode.STATE, "the daemon was not ready after 180 s (log: " + log + ")");
  }

  private long echo(Path log, long offset) throws IOException {
    if (!Files.exists(log)) {
      return offset;
    }
    try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
      if (in.length() <= offset) {
        return offset;
      }
      in.seek(offset);
      byte[] bytes = new byte[(int) (in.length() - offset)];
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end < 0) {
        return offset;
      }
      out.print(text.substring(0, end + 1));
      out.flush();
      return offset + text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
    }
  }
}
