package dev.prooflane.kubernetes.meta;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects of one namespace a sandbox is planned against: Deployments, Services, Istio
 * VirtualServices and Gateway API HTTPRoutes and GRPCRoutes, including those Prooflane made
 * earlier.
 *
 * @param namespace the namespace they are in
 * @param deployments its Deployments
 * @param services its Services
 * @param virtualServices its VirtualServices (any served version)
 * @param httpRoutes its HTTPRoutes
 * @param grpcRoutes its GRPCRoutes
 */
public record Baseline(
    String namespace,
    List<Deployment> deployments,
    List<Service> services,
    List<ObjectNode> virtualServices,
    List<ObjectNode> httpRoutes,
    List<ObjectNode> grpcRoutes) {
  public Baseline {
    requireNonNull(namespace, "namespace");
    deployments = List.copyOf(deployments);
    services = List.copyOf(services);
    virtualServices = List.copyOf(virtualServices);
    httpRoutes = List.copyOf(httpRoutes);
    grpcRoutes = List.copyOf(grpcRoutes);
  }

  /** Its Gateway API routes: the HTTPRoutes, then the GRPCRoutes. */
  public List<ObjectNode> gatewayRoutes() {
    List<ObjectNode> routes = new ArrayList<>(httpRoutes);
    routes.addAll(grpcRoutes);
    return routes;
  }

  /** The baseline (not forked) Deployment named {@code name}. */
  public Optional<Deployment> deployment(String name) {
    return deployments.stream()
        .filter(d -> name.equals(d.getMetadata().getName()))
        .filter(d -> !isFork(d.getMetadata().getLabels()))
        .findFirst();
  }

  /** The baseline Services (not forks) whose selector matches {@code podLabels}, by name. */
  public List<Service> servicesSelecting(java.util.Map<String, String> podLabels) {
    return baselineServices().stream()
        .filter(s -> s.getSpec() != null && Manifests.selects(s.getSpec().getSelector(), podLabels))
        .sorted(java.util.Comparator.comparing(s -> s.getMetadata().getName()))
        .toList();
  }

  /** The Services that are not forks. */
  public List<Service> baselineServices() {
    return services.stream().filter(s -> !isFork(s.getMetadata().getLabels())).toList();
  }

  private static boolean isFork(java.util.Map<String, String> labels) {
    return labels != null && labels.containsKey(Labels.SANDBOX);
  }
}
