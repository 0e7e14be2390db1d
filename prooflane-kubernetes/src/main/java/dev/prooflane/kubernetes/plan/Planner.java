package dev.prooflane.kubernetes.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.RoutingProvider;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxChecks;
import dev.prooflane.kubernetes.fork.ForkObjects;
import dev.prooflane.kubernetes.fork.Forks;
import dev.prooflane.kubernetes.gatewayapi.GatewayApiRouting;
import dev.prooflane.kubernetes.istio.IstioRouting;
import dev.prooflane.kubernetes.meta.Baseline;
import dev.prooflane.kubernetes.meta.ForkedService;
import dev.prooflane.kubernetes.meta.KeyMatchers;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.meta.Owners;
import dev.prooflane.kubernetes.meta.RoutingChanges;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.RoutingKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Computes, without a cluster, what a sandbox needs: the forks' Deployments and Services, and the
 * routes of its provider; the operator applies exactly this, and {@code kube render} prints it.
 */
public final class Planner {
  private final KeyNames keyNames;

  private Planner(KeyNames keyNames) {
    this.keyNames = keyNames;
  }

  /** A planner whose routes match the key where Prooflane's {@code names} say it is carried. */
  public static Planner of(KeyNames keyNames) {
    return new Planner(keyNames);
  }

  /**
   * The plan that makes {@code sandbox}, routed by {@code key}, exist against {@code baseline}.
   *
   * @throws dev.prooflane.model.SpecException when the sandbox is invalid
   * @throws dev.prooflane.kubernetes.meta.PlanException when the baseline lacks what it forks
   */
  public Plan plan(Sandbox sandbox, RoutingKey key, Baseline baseline) {
    String ns = baseline.namespace();
    SandboxChecks.check(sandbox, ns + "/" + sandbox.getMetadata().getName());
    List<ObjectNode> writes = new ArrayList<>();
    List<ForkState> states = new ArrayList<>();
    List<ForkedService> forked = new ArrayList<>();
    for (int i = 0; i < sandbox.getSpec().getForks().size(); i++) {
      ForkObjects fork = Forks.build(sandbox, key, i, baseline);
      writes.add(Manifests.toNode(fork.deployment()));
      List<String> serviceNames = new ArrayList<>();
      for (int s = 0; s < fork.services().size(); s++) {
        Service service = fork.services().get(s);
        writes.add(Manifests.toNode(service));
        serviceNames.add(service.getMetadata().getName());
        forked.add(new ForkedService(fork.baselineServices().get(s), service));
      }
      states.add(
          new ForkState(
              sandbox.getSpec().getForks().get(i).getOf().getName(),
              fork.deployment().getMetadata().getName(),
              serviceNames,
              0));
    }
    RoutingChanges routing = routing(sandbox, key, forked, baseline);
    writes.addAll(routing.writes());
    List<ObjectNode> deletes = new ArrayList<>(staleForks(sandbox, writes, baseline));
    deletes.addAll(routing.deletes());
    return new Plan(writes, deletes, states, routing.routes(), routing.notes());
  }

  /** The plan that removes everything Prooflane made for {@code sandbox}, and nothing else. */
  public Plan cleanup(Sandbox sandbox, Baseline baseline) {
    RoutingKey unused = new RoutingKey("cleanup");
    List<ObjectNode> deletes = new ArrayList<>(staleForks(sandbox, List.of(), baseline));
    List<ObjectNode> writes = new ArrayList<>();
    for (RoutingChanges c :
        List.of(
            IstioRouting.plan(
                sandbox.getMetadata().getName(),
                baseline.namespace(),
                KeyMatchers.of(unused, keyNames),
                List.of(),
                baseline.virtualServices()),
            GatewayApiRouting.plan(
                sandbox.getMetadata().getName(),
                baseline.namespace(),
                KeyMatchers.of(unused, keyNames),
                List.of(),
                baseline.gatewayRoutes(),
                Owners.labels(sandbox, null),
                List.of()))) {
      writes.addAll(c.writes());
      deletes.addAll(c.deletes());
    }
    return new Plan(writes, deletes, List.of(), List.of(), List.of());
  }

  private RoutingChanges routing(
      Sandbox sandbox, RoutingKey key, List<ForkedService> forked, Baseline baseline) {
    String name = sandbox.getMetadata().getName();
    List<KeyMatchers.Condition> conditions = KeyMatchers.of(key, keyNames);
    boolean istio = sandbox.getSpec().getRouting().getProvider() == RoutingProvider.ISTIO;
    RoutingChanges used =
        istio
            ? IstioRouting.plan(
                name, baseline.namespace(), conditions, forked, baseline.virtualServices())
            : GatewayApiRouting.plan(
                name,
                baseline.namespace(),
                conditions,
                forked,
                baseline.gatewayRoutes(),
                Owners.labels(sandbox, null),
                Owners.references(sandbox));
    // Switching provider leaves routes of the other: remove them.
    RoutingChanges other =
        istio
            ? GatewayApiRouting.plan(
                name,
                baseline.namespace(),
                conditions,
                List.of(),
                baseline.gatewayRoutes(),
                null,
                List.of())
            : IstioRouting.plan(
                name, baseline.namespace(), conditions, List.of(), baseline.virtualServices());
    List<ObjectNode> writes = new ArrayList<>(used.writes());
    writes.addAll(other.writes());
    List<ObjectNode> deletes = new ArrayList<>(used.deletes());
    deletes.addAll(other.deletes());
    return new RoutingChanges(writes, deletes, used.routes(), used.notes());
  }

  /** The sandbox's Deployments and Services that the plan no longer writes. */
  private static List<ObjectNode> staleForks(
      Sandbox sandbox, List<ObjectNode> writes, Baseline baseline) {
    Set<String> kept = new HashSet<>();
    writes.forEach(w -> kept.add(Manifests.kind(w) + "/" + Manifests.name(w)));
    String name = sandbox.getMetadata().getName();
    return Stream.<HasMetadata>concat(baseline.deployments().stream(), baseline.services().stream())
        .filter(o -> o.getMetadata().getLabels() != null)
        .filter(o -> Labels.PROOFLANE.equals(o.getMetadata().getLabels().get(Labels.MANAGED_BY)))
        .filter(o -> name.equals(o.getMetadata().getLabels().get(Labels.SANDBOX)))
        .filter(o -> !kept.contains(o.getKind() + "/" + o.getMetadata().getName()))
        .map(Manifests::toNode)
        .toList();
  }
}
