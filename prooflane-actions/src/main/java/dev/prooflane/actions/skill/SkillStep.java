package dev.prooflane.actions.skill;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.expr.Template;
import java.time.Duration;
import java.util.Optional;

/**
 * One step of a skill.
 *
 * @param id unique within the skill; later steps read its outputs as {@code steps.ID.outputs}
 * @param action the action's name
 * @param with the action's inputs (templates)
 * @param condition runs the step only when this evaluates to true
 * @param timeout bounds the step
 * @param always runs the step even after an earlier step failed (to collect evidence)
 * @param location where the step stands, {@code file:line}
 */
public record SkillStep(
    String id,
    String action,
    Template with,
    Optional<Template> condition,
    Optional<Duration> timeout,
    boolean always,
    String location) {
  public SkillStep {
    requireNonNull(id, "id");
    requireNonNull(action, "action");
    requireNonNull(with, "with");
    requireNonNull(condition, "condition");
    requireNonNull(timeout, "timeout");
    requireNonNull(location, "location");
  }
}
