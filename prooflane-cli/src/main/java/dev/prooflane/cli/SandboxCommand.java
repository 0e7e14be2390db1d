package dev.prooflane.cli;

import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxList;
import dev.prooflane.server.json.SandboxView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
    @Spec CommandSpec spec;
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      SandboxList list = state.client().sandboxes();
      out.print(output.json ? Json.pretty(list) + "\n" : table(list.sandboxes()));
      return ExitCode.OK;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one sandbox.")
  static final class GetCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;
    @Mixin JsonMixin output;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      SandboxView sandbox = state.client().sandbox(name);
      out.print(output.json ? Json.pretty(sandbox) + "\n" : describe(sandbox));
      return ExitCode.OK;
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a sandbox: its routes go first, then its forks stop.")
  static final class DeleteCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StateMixin state;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      state.client().deleteSandbox(name);
      out.println("sandbox " + name + " deleted");
      return ExitCode.OK;
    }
  }

  static String table(List<SandboxView> sandboxes) {
    if (sandboxes.isEmpty()) {
      return "no sandboxes\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("SANDBOX", "KEY", "PHASE", "FORKS", "EXPIRES", "MESSAGE"));
    for (SandboxView s : sandboxes) {
      List<String> forks = new ArrayList<>();
      for (SandboxView.ForkView f : s.forks()) {
        forks.add(f.service() + "(" + f.state() + ")");
      }
      rows.add(
          List.of(
              s.name(),
              s.routingKey(),
              s.phase(),
              String.join(",", forks),
              expires(s),
              s.message()));
    }
    return Console.table(rows);
  }

  static String describe(SandboxView s) {
    StringBuilder out = new StringBuilder();
    out.append("sandbox     ").append(s.name()).append('\n');
    out.append("routingKey  ").append(s.routingKey()).append('\n');
    out.append("phase       ").append(s.phase());
    if (!s.message().isEmpty()) {
      out.append(" (").append(s.message()).append(')');
    }
    out.append('\n');
    out.append("created     ").append(s.createdAt()).append('\n');
    out.append("expires     ").append(expires(s)).append('\n');
    for (SandboxView.ForkView f : s.forks()) {
      out.append("fork        ")
          .append(f.service())
          .append(": ")
          .append(f.state())
          .append(", pid ")
          .append(f.pid())
          .append(", port ")
          .append(f.port());
      if (f.command() != null) {
        out.append(", command: ").append(String.join(" ", f.command()));
      }
      if (!f.message().isEmpty()) {
        out.append(" (").append(f.message()).append(')');
      }
      out.append('\n');
    }
    for (SandboxView.BranchView b : s.branches()) {
      out.append("database    ")
          .append(b.database())
          .append(": ")
          .append(b.mode())
          .append(" branch ")
          .append(b.name())
          .append(", ")
          .append(b.sizeBytes() / 1024)
          .append(" KiB, made in ")
          .append(b.tookMillis())
          .append(" ms\n");
    }
    return out.toString();
  }

  private static String expires(SandboxView s) {
    return s.expiresAt() == null ? "never" : s.expiresAt().toString();
  }
}
