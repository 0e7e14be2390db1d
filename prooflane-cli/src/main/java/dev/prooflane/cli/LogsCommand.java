package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the captured output of a service's baseline instance or of its fork in a sandbox. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print what a service wrote (its baseline instance, or its fork with --sandbox).")
final class LogsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin JsonMixin output;

  @Parameters(paramLabel = "SERVICE", description = "The service.")
  String service;

  @Option(names = "--sandbox", paramLabel = "NAME", description = "Show the fork in this sandbox.")
  String sandbox;

  @Option(
      names = "--tail",
      defaultValue = "200",
      description = "How many last lines (default: ${DEFAULT-VALUE}).")
  int tail;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode logs = state.client().logs(service, sandbox, tail);
    if (output.json) {
      out.println(Json.pretty(logs));
      return ExitCode.OK;
    }
    for (JsonNode line : logs.path("lines")) {
      String text = line.path("text").asText();
      out.println(
          line.path("time").asText()
              + " "
              + ("stderr".equals(line.path("stream").asText()) ? "E " : "  ")
              + text);
    }
    return ExitCode.OK;
  }
}
