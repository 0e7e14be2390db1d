package dev.prooflane.cli.kube;

import dev.prooflane.kubernetes.render.KubeRender;
import dev.prooflane.model.KeyNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints the objects the operator would write for a sandbox, without a cluster. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Print, as multi-document YAML, the objects the operator would create or update for a"
          + " sandbox: fork Deployments and Services, VirtualServices or HTTPRoutes and GRPCRoutes.",
      "Needs no cluster: the baseline is read from DIR (Deployments, Services, VirtualServices,"
          + " HTTPRoutes, GRPCRoutes in .yaml/.yml files)."
    })
final class KubeRenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The Sandbox (prooflane.dev/v1alpha1) to render.")
  Path file;

  @Option(
      names = "--baseline",
      required = true,
      paramLabel = "DIR",
      description = "Directory of the baseline's manifests.")
  Path baseline;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(KubeRender.of(KeyNames.DEFAULT).render(file, baseline).yaml());
    out.flush();
    return 0;
  }
}
