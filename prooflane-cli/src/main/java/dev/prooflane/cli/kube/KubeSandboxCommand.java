package dev.prooflane.cli.kube;

import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxChecks;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.render.KubeRender;
import dev.prooflane.model.Durations;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Creates, lists and deletes Sandbox resources in the current kube context. */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    description = "Create, list and delete Sandboxes in a cluster (the operator does the rest).",
    subcommands = {
      KubeSandboxCommand.Create.class,
      KubeSandboxCommand.ListCommand.class,
      KubeSandboxCommand.Delete.class
    })
final class KubeSandboxCommand {
  private KubeSandboxCommand() {}

  /**
   * Runs {@code call} on a client of {@code kube}'s cluster, turning API errors into exit code 3.
   */
  static <T> T withClient(KubeMixin kube, Function<KubernetesClient, T> call) {
    try (KubernetesClient client = kube.client()) {
      try {
        return call.apply(client);
      } catch (KubernetesClientException e) {
        throw new KubeException(
            "cluster "
                + client.getMasterUrl()
                + (e.getCode() > 0 ? " answered " + e.getCode() : " is unreachable")
                + ": "
                + e.getMessage()
                + (e.getCode() == 404
                    ? " (is the Sandbox CRD installed? kubectl apply -k deploy/kubernetes)"
                    : ""),
            e);
      }
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a Sandbox from a file; --wait waits until it is Ready.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KubeMixin kube;

    @Option(
        names = {"-f", "--file"},
        required = true,
        paramLabel = "FILE",
        description = "The Sandbox (prooflane.dev/v1alpha1).")
    Path file;

    @Option(names = "--wait", description = "Wait until the sandbox is Ready (or Failed).")
    boolean waitReady;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "2m",
        description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
      Sandbox sandbox = KubeRender.readSandbox(file);
      Duration limit = Durations.parse(timeout);
      PrintWriter out = spec.commandLine().getOut();
      return withClient(
          kube,
          client -> {
            String fileNs = sandbox.getMetadata().getNamespace();
            String ns = kube.namespace != null || fileNs == null ? kube.namespace(client) : fileNs;
            if (fileNs != null && !fileNs.equals(ns)) {
              throw new IllegalArgumentException(
                  "--namespace: "
                      + ns
                      + " (expected: "
                      + fileNs
                      + ", the namespace in "
                      + file
                      + ")");
            }
            sandbox.getMetadata().setNamespace(ns);
            SandboxChecks.check(sandbox, file.toString());
            String id = ns + "/" + sandbox.getMetadata().getName();
            if (client.resource(sandbox).get() != null) {
              throw new KubeException(
                  "sandbox " + id + " already exists: delete it first or rename it");
            }
            client.resource(sandbox).create();
            out.println("sandbox " + id + " created");
            out.flush();
            if (waitReady) {
              Sandbox ready = await(client, sandbox, limit);
              out.println(
                  "sandbox " + id + " ready, routing key " + ready.getStatus().getRoutingKey());
              out.flush();
            }
            return 0;
          });
    }

    private static Sandbox await(KubernetesClient client, Sandbox sandbox, Duration limit) {
      Instant end = Instant.now().plus(limit);
      String id = sandbox.getMetadata().getNamespace() + "/" + sandbox.getMetadata().getName();
      while (true) {
        Sandbox now = client.resource(sandbox).get();
        String phase = now == null || now.getStatus() == null ? null : now.getStatus().getPhase();
        if ("Ready".equals(phase)) {
          return now;
        }
        if ("Failed".equals(phase)) {
          throw new KubeException("sandbox " + id + " failed: " + now.getStatus().getMessage());
        }
        if (Instant.now().isAfter(end)) {
          throw new KubeException(
              "sandbox "
                  + id
                  + " not ready after "
                  + Durations.format(limit)
                  + (phase == null
                      ? ": no status yet (is the operator running in the cluster?)"
                      : ": " + now.getStatus().getMessage()));
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new KubeException("interrupted while waiting for sandbox " + id, e);
        }
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List Sandboxes.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KubeMixin kube;

    @Option(
        names = {"-A", "--all-namespaces"},
        description = "List the Sandboxes of every namespace.")
    boolean all;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
      List<Sandbox> sandboxes =
          withClient(
              kube,
              client ->
                  all
                      ? client.resources(Sandbox.class).inAnyNamespace().list().getItems()
                      : client
                          .resources(Sandbox.class)
                          .inNamespace(kube.namespace(client))
                          .list()
                          .getItems());
      PrintWriter out = spec.commandLine().getOut();
      out.print(json ? Manifests.toTree(sandboxes).toPrettyString() + "\n" : table(sandboxes));
      out.flush();
      return 0;
    }

    static String table(List<Sandbox> sandboxes) {
      if (sandboxes.isEmpty()) {
        return "no sandboxes\n";
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("NAMESPACE", "SANDBOX", "PHASE", "KEY", "FORKS", "EXPIRES", "MESSAGE"));
      for (Sandbox s : sandboxes) {
        var status = s.getStatus();
        List<String> forks = new ArrayList<>();
        if (status != null) {
          for (ForkState f : status.getForks()) {
            forks.add(f.getDeployment() + "(" + f.getReadyReplicas() + " ready)");
          }
        }
        rows.add(
            List.of(
                s.getMetadata().getNamespace(),
                s.getMetadata().getName(),
                status == null || status.getPhase() == null ? "-" : status.getPhase(),
                status == null || status.getRoutingKey() == null ? "-" : status.getRoutingKey(),
                forks.isEmpty() ? "-" : String.join(",", forks),
                status == null || status.getScheduledDeleteTime() == null
                    ? "never"
                    : status.getScheduledDeleteTime(),
                status == null || status.getMessage() == null ? "" : status.getMessage()));
      }
      return Columns.format(rows);
    }
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a Sandbox; the operator removes its forks and routes.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KubeMixin kube;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      String id =
          withClient(
              kube,
              client -> {
                String ns = kube.namespace(client);
                boolean deleted =
                    !client
                        .resources(Sandbox.class)
                        .inNamespace(ns)
                        .withName(name)
                        .delete()
                        .isEmpty();
                if (!deleted) {
                  throw new KubeException("sandbox " + ns + "/" + name + " not found");
                }
                return ns + "/" + name;
              });
      PrintWriter out = spec.commandLine().getOut();
      out.println("sandbox " + id + " deleted (the operator removes its forks and routes)");
      out.flush();
      return 0;
    }
  }
}
