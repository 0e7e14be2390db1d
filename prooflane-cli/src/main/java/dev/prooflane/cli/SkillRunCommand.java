package dev.prooflane.cli;

import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.SkillRunRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs one skill against a sandbox (or the baseline) and writes its verified result. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a skill against a sandbox (--sandbox) or the baseline, and write its signed reports.",
      "Exit code: the verdict's, 0 PASS, 1 FAIL, 5 INCONCLUSIVE, 6 ERROR (or a run that did not"
          + " finish)."
    })
final class SkillRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin JsonMixin output;
  @Mixin InputMixin inputs;

  @Parameters(paramLabel = "NAME", description = "The skill.")
  String name;

  @Option(
      names = "--sandbox",
      paramLabel = "SANDBOX",
      description = "Run against this sandbox (the key is injected).")
  String sandbox;

  @Option(names = "--out", paramLabel = "DIR", description = "Also copy the reports into DIR.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    RunView run =
        state
            .client()
            .runSkill(
                new SkillRunRequest(name, sandbox, inputs.values(), List.of()),
                line -> {
                  if (!output.json) {
                    stdout.println(line);
                  }
                });
    if (out != null) {
      RunPrinter.copyReports(run, out);
    }
    if (output.json) {
      stdout.println(Json.pretty(run));
    } else {
      RunPrinter.print(run, stdout);
      if (out != null) {
        stdout.println("  copied to " + out.toAbsolutePath());
      }
    }
    return ExitCode.ofVerdict(run.verdict());
  }
}
