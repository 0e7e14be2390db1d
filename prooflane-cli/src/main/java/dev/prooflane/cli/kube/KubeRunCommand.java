package dev.prooflane.cli.kube;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.EngineOptions;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyReader;
import dev.prooflane.actions.report.ReportFiles;
import dev.prooflane.actions.report.Reports;
import dev.prooflane.actions.report.SigningKeys;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.cli.ExitCode;
import dev.prooflane.cli.InputMixin;
import dev.prooflane.kubernetes.runtime.KubernetesRuntime;
import dev.prooflane.model.KeyNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a skill in this process against a Sandbox of a cluster: requests go to the Services' cluster
 * DNS names (so run it where they resolve: in the cluster, or over a VPN), logs come from the pods
 * through the Kubernetes API.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a skill against a Sandbox in the cluster (or the baseline) and write its signed reports.",
      "Requests go to <service>.<namespace>.svc.cluster.local: run it where that resolves.",
      "Exit code: the verdict's, 0 PASS, 1 FAIL, 5 INCONCLUSIVE, 6 ERROR."
    })
final class KubeRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin KubeMixin kube;
  @Mixin InputMixin inputs;

  @Parameters(paramLabel = "SKILL", description = "The skill to run.")
  String skill;

  @Option(
      names = "--sandbox",
      paramLabel = "NAME",
      description = "Run against this Sandbox (its routing key is injected).")
  String sandbox;

  @Option(
      names = "--skills",
      paramLabel = "DIR",
      description = "A folder of skill files (repeatable; default: ./skills).")
  List<Path> skillDirs = new ArrayList<>();

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "The policy to run under (default: the default policy).")
  Path policy;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the reports go (default: ./.prooflane/kube-runs/<run id>).")
  Path out;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description = "The report signing keys (default: ./.prooflane/keys, made when missing).")
  Path keys = Path.of(".prooflane", "keys");

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    List<Path> dirs = skillDirs.isEmpty() ? List.of(Path.of("skills")) : skillDirs;
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "--skills " + dir + ": not a folder (give the folder of your skill files)");
      }
    }
    SkillCatalog catalog = SkillCatalog.load(dirs, ActionCatalog.builtIn().names());
    Policy governing =
        policy == null
            ? Policy.DEFAULT
            : PolicyReader.read(policy, ActionCatalog.builtIn().names());
    RunResult result =
        KubeSandboxCommand.withClient(
            kube,
            client -> {
              String namespace = kube.namespace(client);
              KubernetesRuntime runtime =
                  new KubernetesRuntime(client, namespace, KeyNames.DEFAULT);
              if (sandbox != null && runtime.sandbox(sandbox).isEmpty()) {
                throw new KubeException(
                    "Sandbox "
                        + namespace
                        + "/"
                        + sandbox
                        + " not found or has no routing key yet (see: prooflane kube sandbox list)");
              }
              try (SkillEngine engine =
                  new SkillEngine(
                      ActionCatalog.builtIn(),
                      catalog,
                      runtime,
                      EngineOptions.DEFAULT,
                      governing)) {
                return engine.run(
                    new RunRequest(skill, Optional.ofNullable(sandbox), inputs.values()),
                    RunListener.NONE);
              }
            });
    Path dir = out != null ? out : Path.of(".prooflane", "kube-runs", result.runId());
    ReportFiles files = Reports.write(result, dir, SigningKeys.loadOrCreate(keys));
    print(result, files, stdout);
    return ExitCode.of(result.verdict());
  }

  private void print(RunResult result, ReportFiles files, PrintWriter out) {
    out.println(
        "verdict "
            + result.verdict()
            + " — "
            + skill
            + (sandbox == null ? " on the baseline" : " in sandbox " + sandbox));
    for (StepResult step : result.steps()) {
      out.println(
          "  " + step.verdict() + "  " + step.id() + " (" + step.action() + ") " + step.message());
    }
    out.println("  " + result.message());
    out.println("  report: " + files.json().toAbsolutePath());
  }
}
