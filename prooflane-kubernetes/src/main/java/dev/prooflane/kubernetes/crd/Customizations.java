package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** What a fork changes in its copy of the baseline: container images, environment, arguments. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Customizations {
  @JsonPropertyDescription("Container images to replace, by container name.")
  private List<ImageOverride> images = new ArrayList<>();

  @JsonPropertyDescription(
      "Environment changes: upsert (the default) or delete, in one container or by default the"
          + " first (upsert) or every one (delete).")
  private List<EnvChange> env = new ArrayList<>();

  @JsonPropertyDescription("Container arguments to replace, by container name.")
  private List<ArgsOverride> args = new ArrayList<>();

  public List<ImageOverride> getImages() {
    return images;
  }

  public void setImages(List<ImageOverride> images) {
    this.images = images == null ? new ArrayList<>() : images;
  }

  public List<EnvChange> getEnv() {
    return env;
  }

  public void setEnv(List<EnvChange> env) {
    this.env = env == null ? new ArrayList<>() : env;
  }

  public List<ArgsOverride> getArgs() {
    return args;
  }

  public void setArgs(List<ArgsOverride> args) {
    this.args = args == null ? new ArrayList<>() : args;
  }
}
