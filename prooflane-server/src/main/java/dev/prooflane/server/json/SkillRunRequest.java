package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /runs}: which skill to run, where, with what. Fields left null are not
 * sent.
 *
 * @param skill the skill's name
 * @param sandbox the sandbox to run against, or null for the baseline
 * @param inputs the skill's inputs by name (text is converted to each input's type)
 * @param skillDirs extra folders of skill files on the daemon's machine, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkillRunRequest(
    String skill, String sandbox, Map<String, Object> inputs, List<String> skillDirs) {
  public SkillRunRequest {
    requireNonNull(skill, "skill");
    requireNonNull(inputs, "inputs");
  }
}
