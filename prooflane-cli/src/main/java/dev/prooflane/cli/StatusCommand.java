package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Shows the daemon, its services and sandboxes. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the daemon, its services and sandboxes.")
final class StatusCommand implements Callable<Integer> {
  @Mixin StateMixin state;
  @Mixin JsonMixin output;

  @Override
  public Integer call() {
    JsonNode status = state.client().get("/status");
    if (output.json) {
      System.out.println(Json.pretty(status));
      return ExitCode.OK;
    }
    System.out.println(
        "environment "
            + status.path("environment").asText()
            + " ("
            + status.path("envFile").asText()
            + ")");
    System.out.println(
        "API " + status.path("apiUrl").asText() + ", daemon pid " + status.path("pid").asText());
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SERVICE", "URL", "STATE", "PID", "MESSAGE"));
    for (JsonNode s : status.path("services")) {
      rows.add(
          List.of(
              s.path("name").asText(),
              s.path("routerUrl").asText(),
              s.path("state").asText(),
              s.path("pid").asText(),
              s.path("message").asText()));
    }
    System.out.print(Console.table(rows));
    System.out.println();
    System.out.print(SandboxCommand.table(status.path("sandboxes")));
    return ExitCode.OK;
  }
}
