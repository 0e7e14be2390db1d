package dev.prooflane.cli;

import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the daemon keeps its state, and how a client finds the daemon from it and proves who it is.
 */
final class StateMixin {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "State folder of the daemon (default: $PROOFLANE_HOME or ./.prooflane).")
  Path stateDir;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "API token (default: $PROOFLANE_TOKEN, else the admin token in the state folder).")
  String token;

  Path stateDir() {
    if (stateDir != null) {
      return stateDir.toAbsolutePath().normalize();
    }
    String home = System.getenv("PROOFLANE_HOME");
    return Path.of(home != null && !home.isBlank() ? home : ".prooflane")
        .toAbsolutePath()
        .normalize();
  }

  /** A client of the running daemon, or exit code 3 with how to start one. */
  DaemonClient client() {
    DaemonInfo info =
        DaemonInfo.read(stateDir())
            .filter(DaemonInfo::alive)
            .orElseThrow(
                () ->
                    new CliException(
                        ExitCode.STATE,
                        "no daemon is running for "
                            + stateDir()
                            + " (start one with: prooflane up --detach)"));
    return new DaemonClient(info.apiUrl(), token());
  }

  /** The token to send: {@code --token}, else {@code $PROOFLANE_TOKEN}, else admin.token. */
  String token() {
    return token(token, stateDir());
  }

  static String token(String given, Path stateDir) {
    if (given != null && !given.isBlank()) {
      return given.strip();
    }
    String env = System.getenv("PROOFLANE_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    return AdminTokenFile.read(stateDir).orElse(null);
  }
}
