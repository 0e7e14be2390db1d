package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /validations}: the whole loop for a change. Fields left null are not sent
 * (the daemon's defaults apply).
 *
 * @param name the sandbox name, or null for {@code validate-<random>}
 * @param ttl the sandbox's TTL, or null for 30 minutes
 * @param labels the sandbox's labels, or null
 * @param forks the changed services
 * @param skills the skills to run; empty runs every skill (of {@code skillDirs} when given)
 * @param skillDirs extra folders of skill files on the daemon's machine
 * @param inputs inputs given to each skill that declares them
 * @param keep whether to keep the sandbox afterwards
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationRequest(
    String name,
    String ttl,
    Map<String, String> labels,
    List<ForkRequest> forks,
    List<String> skills,
    List<String> skillDirs,
    Map<String, Object> inputs,
    boolean keep) {
  public ValidationRequest {
    requireNonNull(forks, "forks");
    requireNonNull(skills, "skills");
    requireNonNull(skillDirs, "skillDirs");
    requireNonNull(inputs, "inputs");
  }
}
