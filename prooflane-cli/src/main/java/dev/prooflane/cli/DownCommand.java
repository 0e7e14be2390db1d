package dev.prooflane.cli;

import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.StateFolder;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.client.DaemonClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Stops the daemon and every process it started. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the daemon, its router and every process it started.",
      "Sandbox records stay and come back with the next 'up'; delete them with 'sandbox delete'.",
      "After a daemon was killed (kill -9), this stops the processes it left behind."
    })
final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path stateDir = state.stateDir();
    Optional<DaemonInfo> info = DaemonInfo.read(stateDir);
    if (info.isPresent() && info.get().alive()) {
      out.println("prooflane: stopping the daemon (pid " + info.get().pid() + ")");
      new DaemonClient(info.get().apiUrl(), state.token()).shutdown();
      ProcessHandle handle = ProcessHandle.of(info.get().pid()).orElse(null);
      if (handle != null) {
        try {
          handle.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          throw new CliException(
              ExitCode.STATE,
              "the daemon (pid "
                  + info.get().pid()
                  + ") did not stop within 60 s; kill it and run 'prooflane down' again");
        }
      }
      out.println("prooflane: stopped");
      return ExitCode.OK;
    }
    List<String> reaped = LocalRuntime.reapLeftovers(LocalOptions.of(stateDir));
    reaped.forEach(line -> out.println("prooflane: stopped leftover " + line));
    UpCommand.deleteQuietly(StateFolder.of(stateDir).daemonInfo());
    out.println(
        reaped.isEmpty()
            ? "prooflane: no daemon is running for " + stateDir
            : "prooflane: the daemon for "
                + stateDir
                + " had died; stopped the "
                + reaped.size()
                + " process(es) it left");
    return ExitCode.OK;
  }
}
