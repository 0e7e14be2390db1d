package dev.prooflane.cli;

import dev.prooflane.local.EnvironmentChange;
import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.ServiceStatus;
import dev.prooflane.local.StateFolder;
import dev.prooflane.local.StateFolderCheck;
import dev.prooflane.model.Durations;
import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.EnvironmentRequest;
import dev.prooflane.server.json.StatusView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts the environment: router, baseline services and the control-plane API; or, when a daemon
 * already runs for the state folder, applies the environment file to it.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Start the baseline of an environment file, the router and the daemon's API.",
      "In the foreground by default (Ctrl-C stops everything); --detach runs it in the background.",
      "When a daemon already runs for the state folder, apply the file to it instead: services"
          + " whose definition changed restart, added ones start, removed ones stop; the others"
          + " and every sandbox keep running."
    })
final class UpCommand implements Callable<Integer> {
  /** How the line that says the daemon is ready starts; a detached start waits for it. */
  static final String READY = "prooflane: ready, API ";

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

  @Option(
      names = "--progress-interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "How often a service whose health check still waits is reported, with its last line of"
              + " output (default: ${DEFAULT-VALUE}).")
  String progressInterval;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Environment env = EnvironmentReader.read(file);
    Duration every = interval();
    Path stateDir = state.stateDir();
    // before anything is read or written, in every mode: one line naming the folder and the
    // permission
    StateFolderCheck.requireWritable(StateFolder.of(stateDir));
    Optional<DaemonInfo> running = DaemonInfo.read(stateDir).filter(DaemonInfo::alive);
    if (running.isPresent()) {
      return apply(out, running.get());
    }
    if (detach) {
      int code =
          new DetachedDaemon(stateDir, file.toAbsolutePath(), apiPort, host, out)
              .start(policy.args(), every);
      StatusView status = state.client().status();
      out.print(summary(status.apiUrl(), status.pid(), status.services()));
      out.println("stop it with: prooflane down");
      return code;
    }
    out.println("prooflane: starting environment '" + env.name() + "' from " + file);
    Daemon daemon =
        Daemon.start(
            env,
            LocalOptions.of(stateDir).withProgressInterval(every),
            host,
            apiPort,
            policy.file(),
            out::println,
            List.of(new dev.prooflane.mcp.McpHttpExtension(), new dev.prooflane.ui.UiExtension()));
    out.print(summary(daemon.info().apiUrl(), daemon.info().pid(), daemon.runtime().services()));
    out.println(
        System.console() == null && System.getenv("TERM") == null
            ? "stop it with: prooflane down"
            : "Ctrl-C (or prooflane down) stops everything.");
    out.flush();
    daemon.awaitStop();
    return ExitCode.OK;
  }

  /** Applies the environment file to the daemon that runs for the state folder. */
  private int apply(PrintWriter out, DaemonInfo running) {
    String absolute = file.toAbsolutePath().normalize().toString();
    out.println(
        "prooflane: a daemon already runs for "
            + state.stateDir()
            + " (pid "
            + running.pid()
            + "); applying "
            + absolute
            + " to it");
    out.flush();
    DaemonClient client = state.client();
    EnvironmentChange change =
        client.applyEnvironment(
            new EnvironmentRequest(absolute),
            line -> {
              out.println(line);
              out.flush();
            });
    StatusView status = client.status();
    out.println(
        change.keepsEveryService()
            ? "prooflane: nothing to restart, start or stop; every service keeps running"
            : "prooflane: applied ("
                + change.summary()
                + "); "
                + status.sandboxes().size()
                + " sandbox(es) kept");
    out.print(Console.table(rows(status.services())));
    return ExitCode.OK;
  }

  private Duration interval() {
    try {
      Duration every = Durations.parse(progressInterval);
      if (every.isZero()) {
        throw new IllegalArgumentException("0 (expected: > 0)");
      }
      return every;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--progress-interval: " + e.getMessage(), e);
    }
  }

  /** The line that says the daemon is ready (starting with {@link #READY}), then its services. */
  static String summary(String apiUrl, long pid, List<ServiceStatus> services) {
    return READY + apiUrl + " (pid " + pid + ")\n" + Console.table(rows(services));
  }

  private static List<List<String>> rows(List<ServiceStatus> services) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SERVICE", "URL (through the router)", "STATE", "PID"));
    for (ServiceStatus s : services) {
      rows.add(List.of(s.name(), s.routerUrl(), s.state(), Long.toString(s.pid())));
    }
    return rows;
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: a stale file is overwritten on the next start
    }
  }
}
