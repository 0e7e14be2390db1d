package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A baseline workload in the sandbox's namespace, by kind and name. */
public class WorkloadRef {
  @Required
  @JsonPropertyDescription("The workload kind; only Deployment is supported.")
  private String kind;

  @Required
  @JsonPropertyDescription("The name of the baseline workload in the sandbox's namespace.")
  private String name;

  public WorkloadRef() {}

  public WorkloadRef(String kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
