package dev.prooflane.kubernetes.crd;

import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** The arguments one container of a fork runs with instead of the baseline's. */
public class ArgsOverride {
  @Required private String container;
  @Required private List<String> args = new ArrayList<>();

  public ArgsOverride() {}

  public ArgsOverride(String container, List<String> args) {
    this.container = container;
    this.args = new ArrayList<>(args);
  }

  public String getContainer() {
    return container;
  }

  public void setContainer(String container) {
    this.container = container;
  }

  public List<String> getArgs() {
    return args;
  }

  public void setArgs(List<String> args) {
    this.args = args == null ? new ArrayList<>() : args;
  }
}
