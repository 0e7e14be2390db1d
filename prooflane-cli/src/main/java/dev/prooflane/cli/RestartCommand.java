package dev.prooflane.cli;

import dev.prooflane.local.ServiceRestart;
import dev.prooflane.server.json.Json;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Restarts one baseline service without a gap for its callers. */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description = {
      "Restart one baseline service with its definition in force, without a gap for callers:",
      "a new instance starts beside the running one; once it is healthy the router sends the"
          + " service's requests to it, and the old one stops once its requests in flight are"
          + " answered.",
      "Sandboxes, and their forks of the service, keep running. Needs a policy:admin token.",
      "To run a changed definition, edit the environment file and run 'prooflane up -f FILE'."
    })
final class RestartCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin JsonMixin output;

  @Parameters(paramLabel = "SERVICE", description = "The baseline service to restart.")
  String service;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ServiceRestart restart =
        state
            .client()
            .restartService(
                service,
                line -> {
                  if (!output.json) {
                    out.println(line);
                    out.flush();
                  }
                });
    if (output.json) {
      out.println(Json.pretty(restart));
      return ExitCode.OK;
    }
    out.println(
        "prooflane: "
            + restart.service()
            + " restarted in "
            + String.format(Locale.ROOT, "%.1f s", restart.millis() / 1000.0)
            + (restart.oldPid() == 0
                ? ", pid " + restart.newPid()
                : ", pid " + restart.oldPid() + " -> " + restart.newPid()));
    return ExitCode.OK;
  }
}
