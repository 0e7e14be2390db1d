package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * One environment variable a fork sets ({@code upsert}, the default) or removes ({@code delete}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvChange {
  @Required private String name;
  private String value;
  private EnvOperation operation;

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

  /** The operation, {@code upsert} when none is given. */
  public EnvOperation operationOrDefault() {
    return operation == null ? EnvOperation.UPSERT : operation;
  }
}
