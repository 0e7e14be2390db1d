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

/** Lists, describes and runs skills. */
@Command(
    name = "skill",
    mixinStandardHelpOptions = true,
    description = "List, describe and run skills (YAML workflows of actions; see docs/skills.md).",
    subcommands = {
      SkillCommand.ListCommand.class,
      SkillCommand.DescribeCommand.class,
      SkillRunCommand.class
    })
final class SkillCommand {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the environment's skills, with when to use each.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode skills = state.client().skills();
      if (output.json) {
        out.println(Json.pretty(skills));
        return ExitCode.OK;
      }
      if (skills.path("skills").isEmpty()) {
        out.println(
            "no skills (put *.yaml skill files in skills/ beside the environment file; see docs/skills.md)");
        return ExitCode.OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("SKILL", "VERSION", "WHEN TO USE"));
      for (JsonNode s : skills.path("skills")) {
        rows.add(
            List.of(
                s.path("name").asText(), s.path("version").asText(), s.path("whenToUse").asText()));
      }
      out.print(Console.table(rows));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show a skill: inputs, steps, outputs.")
  static final class DescribeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode s = state.client().skill(name);
      if (output.json) {
        out.println(Json.pretty(s));
        return ExitCode.OK;
      }
      out.println(s.path("name").asText() + " (version " + s.path("version").asText() + ")");
      out.println("  " + s.path("description").asText());
      out.println("  when to use: " + s.path("whenToUse").asText());
      out.println("  file: " + s.path("file").asText() + " (" + s.path("digest").asText() + ")");
      out.println("inputs:");
      if (s.path("inputs").isEmpty()) {
        out.println("  (none)");
      }
      for (JsonNode i : s.path("inputs")) {
        out.println(
            "  "
                + i.path("name").asText()
                + ": "
                + i.path("type").asText()
                + (i.path("required").asBoolean() ? " (required)" : " = " + i.path("default"))
                + (i.path("description").asText().isEmpty()
                    ? ""
                    : " — " + i.path("description").asText()));
      }
      out.println("steps:");
      for (JsonNode st : s.path("steps")) {
        out.println(
            "  "
                + st.path("id").asText()
                + ": "
                + st.path("action").asText()
                + " "
                + st.path("with"));
      }
      return ExitCode.OK;
    }
  }
}
