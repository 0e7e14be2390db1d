package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sandbox forks, how it is routed and how long it lives.
 *
 * <p>A mutable bean, not a record, because the fabric8 client and the CRD generator bind it by
 * property; {@link SandboxChecks} validates it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class SandboxSpec {
  @JsonPropertyDescription(
      "The key requests carry to reach this sandbox ([A-Za-z0-9._-], 1 to 64); generated when"
          + " absent.")
  private String routingKey;

  @JsonPropertyDescription("How long the sandbox lives before it is deleted, such as 2h or 1h30m.")
  private String ttl;

  @JsonPropertyDescription("Labels put on every object the operator creates for the sandbox.")
  private Map<String, String> labels = new LinkedHashMap<>();

  @JsonPropertyDescription("Which mesh API routes keyed requests: istio or gateway-api.")
  private Routing routing = new Routing();

  @Required
  @JsonPropertyDescription("The Deployments to fork, with their customizations.")
  private List<ForkSpec> forks = new ArrayList<>();

  public String getRoutingKey() {
    return routingKey;
  }

  public void setRoutingKey(String routingKey) {
    this.routingKey = routingKey;
  }

  public String getTtl() {
    return ttl;
  }

  public void setTtl(String ttl) {
    this.ttl = ttl;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels == null ? new LinkedHashMap<>() : labels;
  }

  public Routing getRouting() {
    return routing;
  }

  public void setRouting(Routing routing) {
    this.routing = routing == null ? new Routing() : routing;
  }

  public List<ForkSpec> getForks() {
    return forks;
  }

  public void setForks(List<ForkSpec> forks) {
    this.forks = forks == null ? new ArrayList<>() : forks;
  }
}
