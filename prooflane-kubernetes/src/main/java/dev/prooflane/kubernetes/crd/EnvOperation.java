package dev.prooflane.kubernetes.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an {@link EnvChange} does to a variable. */
public enum EnvOperation {
  /** Sets the variable, adding it where it is absent. */
  @JsonProperty("upsert")
  UPSERT,
  /** Removes the variable. */
  @JsonProperty("delete")
  DELETE
}
