package dev.prooflane.cli;

import dev.prooflane.actions.probe.ProbeResult;
import dev.prooflane.actions.probe.ProbeText;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.ProbeRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sends a throwaway key along a path and tells hop by hop where it travelled and stopped. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Send one GET with a throwaway routing key and a fresh traceparent to SERVICE, then show"
          + " hop by hop where the key and the trace travelled, where they stopped, the drop"
          + " detectors' call sites, and what to do.",
      "Exit 0 when the key travelled along every hop, 1 when a service dropped it, 3 when no"
          + " answer came or no daemon runs."
    })
final class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin JsonMixin output;

  @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to send it to.")
  String service;

  @Parameters(index = "1", paramLabel = "PATH", description = "The path, such as /products/1.")
  String path;

  @Override
  public Integer call() {
    if (!path.startsWith("/")) {
      throw new CliException(
          ExitCode.USAGE,
          "PATH: '" + path + "' (expected: a path starting with '/', such as /products/1)");
    }
    ProbeResult result = state.client().probe(new ProbeRequest(service, path));
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.json ? Json.pretty(result) + "\n" : ProbeText.of(result));
    return code(result);
  }

  /** 0 the key travelled, 1 a service dropped it, 3 no answer came. */
  static int code(ProbeResult result) {
    if (result.error() != null) {
      return ExitCode.STATE;
    }
    return result.keyTravelled() ? ExitCode.OK : ExitCode.FAILED;
  }
}
