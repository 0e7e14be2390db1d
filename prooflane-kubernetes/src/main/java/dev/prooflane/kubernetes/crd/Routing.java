package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The routing part of a sandbox spec: which mesh API carries keyed requests to the forks. */
public class Routing {
  @JsonPropertyDescription(
      "istio (VirtualService) or gateway-api (HTTPRoute; GRPCRoute on gRPC ports); istio by"
          + " default.")
  private RoutingProvider provider = RoutingProvider.ISTIO;

  public RoutingProvider getProvider() {
    return provider;
  }

  public void setProvider(RoutingProvider provider) {
    this.provider = provider == null ? RoutingProvider.ISTIO : provider;
  }
}
