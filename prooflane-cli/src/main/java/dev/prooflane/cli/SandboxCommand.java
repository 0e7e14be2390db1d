package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Creates, lists, shows and deletes sandboxes. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Create, list, show and delete sandboxes.",
    subcommands = {
      SandboxCreateCommand.class,
      SandboxCommand.ListCommand.class,
      SandboxCommand.GetCommand.class,
      SandboxCommand.DeleteCommand.class
    })
final class SandboxCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List sandboxes.")
  static final class ListCommand implements Callable<Integer> {
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Override
    public Integer call() {
      JsonNode list = state.client().get("/sandboxes");
      System.out.print(output.json ? Json.pretty(list) + "\n" : table(list.path("sandboxes")));
      return ExitCode.OK;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one sandbox.")
  static final class GetCommand implements Callable<Integer> {
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      JsonNode sandbox = state.client().get("/sandboxes/" + ApiClient.encode(name));
      System.out.print(output.json ? Json.pretty(sandbox) + "\n" : describe(sandbox));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a sandbox: its routes go first, then its forks stop.")
  static final class DeleteCommand implements Callable<Integer> {
    @Mixin StateMixin state;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      state.client().delete("/sandboxes/" + ApiClient.encode(name));
      System.out.println("sandbox " + name + " deleted");
      return ExitCode.OK;
    }
  }

  static String table(JsonNode sandboxes) {
    if (sandboxes.isEmpty()) {
      return "no sandboxes\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SANDBOX", "KEY", "PHASE", "FORKS", "EXPIRES", "MESSAGE"));
    for (JsonNode s : sandboxes) {
      List<String> forks = new ArrayList<>();
      for (JsonNode f : s.path("forks")) {
        forks.add(f.path("service").asText() + "(" + f.path("state").asText() + ")");
      }
      rows.add(
          List.of(
              s.path("name").asText(),
              s.path("routingKey").asText(),
              s.path("phase").asText(),
              String.join(",", forks),
              s.path("expiresAt").isNull() ? "never" : s.path("expiresAt").asText(),
              s.path("message").asText()));
    }
    return Console.table(rows);
  }

  static String describe(JsonNode s) {
    StringBuilder out = new StringBuilder();
    out.append("sandbox     ").append(s.path("name").asText()).append('\n');
    out.append("routingKey  ").append(s.path("routingKey").asText()).append('\n');
    out.append("phase       ").append(s.path("phase").asText());
    if (!s.path("message").asText().isEmpty()) {
      out.append(" (").append(s.path("message").asText()).append(')');
    }
    out.append('\n');
    out.append("created     ").append(s.path("createdAt").asText()).append('\n');
    out.append("expires     ")
        .append(s.path("expiresAt").isNull() ? "never" : s.path("expiresAt").asText())
        .append('\n');
    for (JsonNode f : s.path("forks")) {
      out.append("fork        ")
          .append(f.path("service").asText())
          .append(": ")
          .append(f.path("state").asText())
          .append(", pid ")
          .append(f.path("pid").asText())
          .append(", port ")
          .append(f.path("port").asText());
      if (!f.path("command").isNull() && !f.path("command").isMissingNode()) {
        List<String> words = new ArrayList<>();
        f.path("command").forEach(w -> words.add(w.asText()));
        out.append(", command: ").append(String.join(" ", words));
      }
      if (!f.path("message").asText().isEmpty()) {
        out.append(" (").append(f.path("message").asText()).append(')');
      }
      out.append('\n');
    }
    return out.toString();
  }
}
