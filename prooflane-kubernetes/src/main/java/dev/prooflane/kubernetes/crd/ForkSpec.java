package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One workload a sandbox forks and what to change in the copy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ForkSpec {
  @Required
  @JsonPropertyDescription("The baseline workload to copy.")
  private WorkloadRef of;

  @JsonPropertyDescription("What differs in the fork: images, environment, arguments.")
  private Customizations customizations = new Customizations();

  public WorkloadRef getOf() {
    return of;
  }

  public void setOf(WorkloadRef of) {
    this.of = of;
  }

  public Customizations getCustomizations() {
    return customizations;
  }

  public void setCustomizations(Customizations customizations) {
    this.customizations = customizations == null ? new Customizations() : customizations;
  }
}
