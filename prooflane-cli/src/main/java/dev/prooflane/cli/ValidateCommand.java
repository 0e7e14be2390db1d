package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.StateFolder;
import dev.prooflane.server.json.Json;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
    PrintStream log = output.json ? System.err : System.out;
    SandboxCreateCommand.checkTtl(ttl);
    Map<String, Object> request = new LinkedHashMap<>();
    if (name != null) {
      request.put("name", name);
    }
    request.put("ttl", ttl);
    request.put("forks", forks.forks());
    request.put("skills", skills);
    request.put(
        "skillDirs",
        skillsDir == null ? List.of() : List.of(skillsDir.toAbsolutePath().toString()));
    request.put("inputs", inputs.values());
    request.put("keep", keep);
    JsonNode outcome =
        state
            .client()
            .postStreaming("/validations", Json.write(request), line -> log.println("  " + line))
            .path("validation");
    String sandbox = outcome.path("sandbox").asText();
    Path dir =
        (out != null ? out : StateFolder.of(state.stateDir()).validations().resolve(sandbox))
            .toAbsolutePath();
    List<JsonNode> runs = new ArrayList<>();
    for (JsonNode run : outcome.path("runs")) {
      RunPrinter.copyReports(run, dir.resolve(run.path("skill").asText()));
      runs.add(run);
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("summary.md"), ValidationSummary.markdown(outcome, dir));
    Files.writeString(dir.resolve("summary.json"), Json.pretty(outcome));
    int exit = exitCode(outcome.path("verdict").asText());
    if (output.json) {
      System.out.println(Json.pretty(outcome));
      return exit;
    }
    for (JsonNode r : runs) {
      System.out.printf(
          "%-13s %s: %s%n",
          r.path("verdict").asText(r.path("state").asText()),
          r.path("skill").asText(),
          r.path("message").asText());
    }
    System.out.println(
        "verdict "
            + outcome.path("verdict").asText()
            + "; reports in "
            + dir
            + " (summary.md for the pull request; check each with: prooflane verify "
            + dir
            + "/<skill>/report.json)");
    if (outcome.path("kept").asBoolean()) {
      System.out.println(
          "sandbox " + sandbox + " kept; delete it with: prooflane sandbox delete " + sandbox);
    }
    return exit;
  }

  static int exitCode(String verdict) {
    return switch (verdict) {
      case "PASS" -> ExitCode.OK;
      case "FAIL" -> ExitCode.FAILED;
      default -> ExitCode.STATE;
    };
  }
}
