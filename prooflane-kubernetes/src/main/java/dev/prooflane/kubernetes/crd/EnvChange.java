package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * One environment variable a fork sets ({@code upsert}, the default) or removes ({@code delete}),
 * in the container named {@code container}; without one, an upsert goes to the first container (the
 * workload's main one) and a delete applies to every container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvChange {
  @Required private String name;
  private String value;
  private EnvOperation operation;

  @JsonPropertyDescription(
      "The container to change; by default the first for an upsert, every one for a delete.")
  private String container;

  public EnvChange() {}

  public EnvChange(String name, String value, EnvOperation operation) {
    this.name = name;
    this.value = value;
    this.operation = operation;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public EnvOperation getOperation() {
    return operation;
  }

  public void setOperation(EnvOperation operation) {
    this.operation = operation;
  }

  public String getContainer() {
    return container;
  }

  public void setContainer(String container) {
    this.container = container;
  }

  /** The operation, {@code upsert} when none is given. */
  public EnvOperation operationOrDefault() {
    return operation == null ? EnvOperation.UPSERT : operation;
  }
}
