package dev.prooflane.cli;

import dev.prooflane.local.ServiceStatus;
import dev.prooflane.local.kafka.KafkaStatus;
import dev.prooflane.local.postgres.PostgresStatus;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.StatusView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Shows the daemon, its services and sandboxes. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the daemon, its services and sandboxes.")
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin JsonMixin output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    StatusView status = state.client().status();
    if (output.json) {
      out.println(Json.pretty(status));
      return ExitCode.OK;
    }
    out.println("environment " + status.environment() + " (" + status.envFile() + ")");
    out.println("API " + status.apiUrl() + ", daemon pid " + status.pid());
    KafkaStatus kafka = status.kafka();
    if (kafka != null) {
      out.println(
          "Kafka "
              + kafka.bootstrap()
              + " "
              + kafka.state()
              + (kafka.pid() > 0 ? ", pid " + kafka.pid() : "")
              + (kafka.message().isEmpty() ? "" : ": " + kafka.message()));
    }
    PostgresStatus postgres = status.postgres();
    if (postgres != null) {
      out.println(
          "PostgreSQL "
              + postgres.address()
              + " "
              + postgres.state()
              + (postgres.pid() > 0 ? ", pid " + postgres.pid() : "")
              + ", databases "
              + String.join(", ", postgres.databases())
              + ", "
              + postgres.branches()
              + " sandbox branches");
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SERVICE", "URL", "STATE", "PID", "MESSAGE"));
    for (ServiceStatus s : status.services()) {
      rows.add(List.of(s.name(), s.routerUrl(), s.state(), Long.toString(s.pid()), s.message()));
    }
    out.print(Console.table(rows));
    out.println();
    out.print(SandboxCommand.table(status.sandboxes()));
    return ExitCode.OK;
  }
}
