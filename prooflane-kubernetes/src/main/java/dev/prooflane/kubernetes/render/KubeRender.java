package dev.prooflane.kubernetes.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Baseline;
import dev.prooflane.kubernetes.meta.Baselines;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.plan.Plan;
import dev.prooflane.kubernetes.plan.Planner;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders the objects the operator would create or update for a sandbox, from a sandbox file and
 * the baseline's manifests, without a cluster: for review, or to commit for GitOps.
 */
public final class KubeRender {
  private final Planner planner;

  private KubeRender(Planner planner) {
    this.planner = planner;
  }

  /** A renderer whose routes match the key where {@code names} say it is carried. */
  public static KubeRender of(KeyNames names) {
    return new KubeRender(Planner.of(names));
  }

  /**
   * Renders {@code sandboxFile} (one {@code Sandbox}) against the manifests under {@code
   * baselineDir}.
   *
   * @throws SpecException when a file is not valid or the sandbox is invalid
   * @throws dev.prooflane.kubernetes.meta.PlanException when the baseline lacks what it forks
   */
  public Rendered render(Path sandboxFile, Path baselineDir) {
    return render(readSandbox(sandboxFile), ManifestFiles.readDirectory(baselineDir));
  }

  /** Renders {@code sandbox} against {@code baseline} (objects of any kind and namespace). */
  public Rendered render(Sandbox sandbox, List<ObjectNode> baseline) {
    String ns = sandbox.getMetadata().getNamespace();
    if (ns == null || ns.isEmpty()) {
      ns = "default";
      sandbox.getMetadata().setNamespace(ns);
    }
    RoutingKey key = keyOf(sandbox);
    Baseline base = Baselines.of(ns, baseline);
    Plan plan = planner.plan(sandbox, key, base);
    return new Rendered(sandbox, key, plan);
  }

  /**
   * The key a sandbox is routed by: its {@code spec.routingKey}, else the one in its status, else a
   * fresh one (as the operator would generate).
   */
  public static RoutingKey keyOf(Sandbox sandbox) {
    if (sandbox.getSpec() != null && sandbox.getSpec().getRoutingKey() != null) {
      return new RoutingKey(sandbox.getSpec().getRoutingKey());
    }
    if (sandbox.getStatus() != null && sandbox.getStatus().getRoutingKey() != null) {
      return new RoutingKey(sandbox.getStatus().getRoutingKey());
    }
    return RoutingKey.generate();
  }

  /**
   * Reads one {@code prooflane.dev/v1alpha1} {@code Sandbox} from {@code file}.
   *
   * @throws SpecException when the file holds anything else
   */
  public static Sandbox readSandbox(Path file) {
    List<ObjectNode> docs = ManifestFiles.read(file);
    if (docs.size() != 1
        || !Sandbox.API_VERSION.equals(Manifests.apiVersion(docs.get(0)))
        || !"Sandbox".equals(Manifests.kind(docs.get(0)))) {
      throw new SpecException(
          new SpecProblem(
              file.toString(),
              0,
              0,
              "",
              "expected: one object of apiVersion "
                  + Sandbox.API_VERSION
                  + ", kind Sandbox (found "
                  + docs.size()
                  + " objects)"));
    }
    return Manifests.toObject(docs.get(0), Sandbox.class);
  }
}
