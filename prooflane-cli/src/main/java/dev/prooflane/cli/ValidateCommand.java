package dev.prooflane.cli;

import dev.prooflane.local.StateFolder;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.ValidationRequest;
import dev.prooflane.server.runs.Validations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The whole loop: create a sandbox for the change, run skills, write reports, delete it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a change: run skills against a new sandbox that forks the changed service(s).",
      "Creates the sandbox and waits until it is ready, runs the skills against it, writes the"
          + " signed reports, and deletes the sandbox (--keep keeps it).",
      "Exit code: 0 every run PASSed, 1 a run FAILed, 3 a run was INCONCLUSIVE or ERROR."
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin JsonMixin output;
  @Mixin ForkMixin forks;
  @Mixin InputMixin inputs;

  @Option(
      names = "--skill",
      paramLabel = "NAME",
      description = "A skill to run (repeatable; default: every skill).")
  List<String> skills = new ArrayList<>();

  @Option(
      names = "--skills",
      paramLabel = "DIR",
      description = "Also read skills from DIR; without --skill, run the skills of DIR.")
  Path skillsDir;

  @Option(
      names = "--name",
      paramLabel = "SANDBOX",
      description = "Sandbox name (default: validate-<random>).")
  String name;

  @Option(
      names = "--ttl",
      defaultValue = "30m",
      description = "TTL of the sandbox, in case this command dies (default: ${DEFAULT-VALUE}).")
  String ttl;

  @Option(names = "--keep", description = "Keep the sandbox afterwards.")
  boolean keep;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write the reports (default: .prooflane/validate/<sandbox>).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter log = output.json ? err : stdout;
    SandboxCreateCommand.checkTtl(ttl);
    ValidationRequest request =
        new ValidationRequest(
            name,
            ttl,
            null,
            forks.forks(),
            skills,
            skillsDir == null ? List.of() : List.of(skillsDir.toAbsolutePath().toString()),
            inputs.values(),
            keep);
    Validations.Outcome outcome =
        state.client().validate(request, line -> log.println("  " + line));
    String sandbox = outcome.sandbox();
    Path dir =
        (out != null ? out : StateFolder.of(state.stateDir()).validations().resolve(sandbox))
            .toAbsolutePath();
    for (RunView run : outcome.runs()) {
      RunPrinter.copyReports(run, dir.resolve(run.skill()));
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("summary.md"), ValidationSummary.markdown(outcome, dir));
    Files.writeString(dir.resolve("summary.json"), Json.pretty(outcome));
    int exit = ExitCode.ofVerdict(outcome.verdict());
    if (output.json) {
      stdout.println(Json.pretty(outcome));
      return exit;
    }
    for (RunView r : outcome.runs()) {
      stdout.printf(
          "%-13s %s: %s%n", RunPrinter.verdictOrState(r), r.skill(), RunPrinter.message(r));
    }
    stdout.println(
        "verdict "
            + outcome.verdict()
            + "; reports in "
            + dir
            + " (summary.md for the pull request; check each with: prooflane verify "
            + dir
            + "/<skill>/report.json)");
    if (outcome.kept()) {
      stdout.println(
          "sandbox " + sandbox + " kept; delete it with: prooflane sandbox delete " + sandbox);
    }
    return exit;
  }
}
