package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and did for a sandbox; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class SandboxStatus {
  @JsonPropertyDescription("Pending (forks starting), Ready or Failed (see message).")
  private String phase;

  @JsonPropertyDescription("The key requests carry to reach the sandbox.")
  private String routingKey;

  @JsonPropertyDescription("What is wrong, and what to do about it; empty when Ready.")
  private String message;

  @JsonPropertyDescription("When the operator deletes the sandbox (RFC 3339), from spec.ttl.")
  private String scheduledDeleteTime;

  @JsonPropertyDescription("The generation of the spec this status describes.")
  private Long observedGeneration;

  private List<ForkState> forks = new ArrayList<>();
  private List<RouteState> routes = new ArrayList<>();
  private List<Condition> conditions = new ArrayList<>();

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getRoutingKey() {
    return routingKey;
  }

  public void setRoutingKey(String routingKey) {
    this.routingKey = routingKey;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getScheduledDeleteTime() {
    return scheduledDeleteTime;
  }

  public void setScheduledDeleteTime(String scheduledDeleteTime) {
    this.scheduledDeleteTime = scheduledDeleteTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<ForkState> getForks() {
    return forks;
  }

  public void setForks(List<ForkState> forks) {
    this.forks = forks == null ? new ArrayList<>() : forks;
  }

  public List<RouteState> getRoutes() {
    return routes;
  }

  public void setRoutes(List<RouteState> routes) {
    this.routes = routes == null ? new ArrayList<>() : routes;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }
}
