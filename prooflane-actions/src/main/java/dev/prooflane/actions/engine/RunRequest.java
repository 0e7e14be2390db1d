package dev.prooflane.actions.engine;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What to run: a skill by name, against a sandbox (or the baseline), with inputs.
 *
 * @param skill the skill's name
 * @param sandbox the sandbox to target, or empty for the baseline
 * @param inputs input values: text (as from {@code --input k=v}) or typed values
 */
public record RunRequest(String skill, Optional<String> sandbox, Map<String, Object> inputs) {
  public RunRequest {
    requireNonNull(skill, "skill");
    requireNonNull(sandbox, "sandbox");
    inputs = Map.copyOf(inputs);
  }
}
