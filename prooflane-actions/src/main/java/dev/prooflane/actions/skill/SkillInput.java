package dev.prooflane.actions.skill;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A typed input of a skill.
 *
 * @param name the input name
 * @param type its type
 * @param defaultValue the default, or empty for a required input
 * @param description what it means
 */
public record SkillInput(
    String name, InputType type, Optional<Object> defaultValue, String description) {
  public SkillInput {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    requireNonNull(defaultValue, "defaultValue");
    requireNonNull(description, "description");
  }

  public boolean required() {
    return defaultValue.isEmpty();
  }
}
