package dev.prooflane.kubernetes.meta;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Service;

/**
 * A baseline Service and the fork's Service that stands in for it in a sandbox.
 *
 * @param baseline the baseline Service
 * @param fork the fork's Service, with the same ports
 */
public record ForkedService(Service baseline, Service fork) {
  public ForkedService {
    requireNonNull(baseline, "baseline");
    requireNonNull(fork, "fork");
  }

  public String baselineName() {
    return baseline.getMetadata().getName();
  }

  public String forkName() {
    return fork.getMetadata().getName();
  }

  /** The fork Service's fully qualified host name, unambiguous from any namespace. */
  public String forkHost() {
    return forkName() + "." + fork.getMetadata().getNamespace() + ".svc.cluster.local";
  }
}
