package dev.prooflane.kubernetes.fork;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * The objects made for one fork.
 *
 * @param deployment the fork's Deployment
 * @param services per baseline Service that selects the baseline pods, in the same order, the
 *     fork's Service
 * @param baselineServices the baseline Services the fork stands in for
 */
public record ForkObjects(
    Deployment deployment, List<Service> services, List<Service> baselineServices) {
  public ForkObjects {
    requireNonNull(deployment, "deployment");
    services = List.copyOf(services);
    baselineServices = List.copyOf(baselineServices);
    if (services.size() != baselineServices.size()) {
      throw new IllegalArgumentException(
          "services: " + services.size() + " (expected: one per baseline Service)");
    }
  }
}
