package dev.prooflane.cli;

import dev.prooflane.local.ServiceStatus;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.StateFolderCheck;
import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.DaemonInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Starts the environment: router, baseline services and the control-plane API. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the baseline of an environment file, the router and the daemon's API.",
      "In the foreground by default (Ctrl-C stops everything); --detach runs it in the background."
    })
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin PolicyMixin policy;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      defaultValue = "prooflane.yaml",
      description = "Environment file (default: ${DEFAULT-VALUE}).")
  Path file;

  @Option(
      names = "--detach",
      description = "Run the daemon in the background and return when it is ready.")
  boolean detach;

  @Option(
      names = "--api-port",
      defaultValue = "7474",
      description =
          "Port of the REST API on loopback; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address the API binds (default: ${DEFAULT-VALUE}).")
  String host;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Environment env = EnvironmentReader.read(file);
    Path stateDir = state.stateDir();
    // before anything is written, in both modes: one line naming the folder and the permission
    StateFolderCheck.requireWritable(StateFolder.of(stateDir));
    if (detach) {
      return new DetachedDaemon(stateDir, file.toAbsolutePath(), apiPort, host, out)
          .start(policy.args());
    }
    out.println("prooflane: starting environment '" + env.name() + "' from " + file);
    Daemon daemon =
        Daemon.start(
            env,
            stateDir,
            host,
            apiPort,
            policy.file(),
            out::println,
            List.of(new dev.prooflane.mcp.McpHttpExtension()));
    out.print(summary(daemon.info(), daemon.runtime().services()));
    out.println(
        System.console() == null && System.getenv("TERM") == null
            ? "stop it with: prooflane down"
            : "Ctrl-C (or prooflane down) stops everything.");
    out.flush();
    daemon.awaitStop();
    return ExitCode.OK;
  }

  static String summary(DaemonInfo info, List<ServiceStatus> services) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SERVICE", "URL (through the router)", "STATE", "PID"));
    for (ServiceStatus s : services) {
      rows.add(List.of(s.name(), s.routerUrl(), s.state(), Long.toString(s.pid())));
    }
    return "prooflane: ready, API "
        + info.apiUrl()
        + " (pid "
        + info.pid()
        + ")\n"
        + Console.table(rows);
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: a stale file is overwritten on the next start
    }
  }
}
