package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The mesh API that routes keyed requests to a sandbox's forks. */
public enum RoutingProvider {
  /** Istio {@code VirtualService} routes, prepended to the baseline's. */
  @JsonProperty("istio")
  ISTIO,
  /**
   * Gateway API {@code HTTPRoute}s, and {@code GRPCRoute}s on gRPC ports, attached to the baseline
   * Service (GAMMA).
   */
  @JsonProperty("gateway-api")
  GATEWAY_API
}
