package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The body of {@code POST /actions/{name}/run}: one action on its own. Fields left null are not
 * sent.
 *
 * @param sandbox the sandbox to act in, or null for the baseline
 * @param with the action's inputs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionRunRequest(String sandbox, Map<String, Object> with) {
  public ActionRunRequest {
    requireNonNull(with, "with");
  }
}
