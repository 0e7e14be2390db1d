package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** The objects the operator made for one fork, and how many of its pods are ready. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ForkState {
  private String of;
  private String deployment;
  private List<String> services = new ArrayList<>();
  private Integer readyReplicas;

  public ForkState() {}

  public ForkState(String of, String deployment, List<String> services, Integer readyReplicas) {
    this.of = of;
    this.deployment = deployment;
    this.services = new ArrayList<>(services);
    this.readyReplicas = readyReplicas;
  }

  public String getOf() {
    return of;
  }

  public void setOf(String of) {
    this.of = of;
  }

  public String getDeployment() {
    return deployment;
  }

  public void setDeployment(String deployment) {
    this.deployment = deployment;
  }

  public List<String> getServices() {
    return services;
  }

  public void setServices(List<String> services) {
    this.services = services == null ? new ArrayList<>() : services;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }
}
