package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists and describes the actions skills can use. */
@Command(
    name = "action",
    mixinStandardHelpOptions = true,
    description = "List and describe the actions skill steps can use.",
    subcommands = {ActionCommand.ListCommand.class, ActionCommand.DescribeCommand.class})
final class ActionCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the actions.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode actions = state.client().actions();
      if (output.json) {
        out.println(Json.pretty(actions));
        return ExitCode.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ACTION", "WHAT IT DOES"));
      for (JsonNode a : actions.path("actions")) {
        rows.add(List.of(a.path("name").asText(), a.path("summary").asText()));
      }
      out.print(Console.table(rows));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show an action's inputs, outputs and an example.")
  static final class DescribeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode a = state.client().action(name);
      if (output.json) {
        out.println(Json.pretty(a));
        return ExitCode.OK;
      }
      out.println(a.path("name").asText() + ": " + a.path("summary").asText());
      out.println("inputs (with:):");
      for (JsonNode f : a.path("inputs")) {
        out.println(
            "  "
                + f.path("name").asText()
                + " ("
                + f.path("type").asText()
                + (f.path("required").asBoolean() ? ", required" : "")
                + "): "
                + f.path("description").asText());
      }
      out.println("outputs:");
      for (JsonNode f : a.path("outputs")) {
        out.println(
            "  "
                + f.path("name").asText()
                + " ("
                + f.path("type").asText()
                + "): "
                + f.path("description").asText());
      }
      out.println("example:");
      out.print(a.path("example").asText().indent(2));
      return ExitCode.OK;
    }
  }
}
