package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the platform allows skills to do; the format is in docs/policy.md. {@link #DEFAULT} is the
 * safe default used when no policy file is given.
 *
 * @param source where it was read from ({@code <default>} for the default)
 * @param enabledActions the actions steps may use, or empty for all
 * @param allowedSkills the skills that may run, or empty for all
 * @param writes the write guard
 * @param egress the external hosts the {@code http} action may call by URL
 * @param limits the limits
 * @param sandboxes how many sandboxes may exist, and for how long
 * @param forks what a sandbox's forks may change, and who may run a command of their own
 * @param redactor what is redacted
 */
public record Policy(
    String source,
    Optional<Set<String>> enabledActions,
    Optional<List<SkillRule>> allowedSkills,
    WriteGuard writes,
    Egress egress,
    Limits limits,
    SandboxQuota sandboxes,
    ForkRules forks,
    Redactor redactor) {
  /**
   * Every action and skill; unkeyed writes refused; no external host; forks with their
   * environment's command for sandbox:write, any command for sandbox:exec; the default limits and
   * redaction.
   */
  public static final Policy DEFAULT =
      new Policy(
          "<default>",
          Optional.empty(),
          Optional.empty(),
          WriteGuard.DEFAULT,
          Egress.DEFAULT,
          Limits.DEFAULT,
          SandboxQuota.DEFAULT,
          ForkRules.DEFAULT,
          Redactor.DEFAULT);

  public Policy {
    requireNonNull(source, "source");
    enabledActions = enabledActions.map(Set::copyOf);
    allowedSkills = allowedSkills.map(List::copyOf);
    requireNonNull(writes, "writes");
    requireNonNull(egress, "egress");
    requireNonNull(limits, "limits");
    requireNonNull(sandboxes, "sandboxes");
    requireNonNull(forks, "forks");
    requireNonNull(redactor, "redactor");
  }

  /** Whether steps may use {@code action}. */
  public boolean enabled(String action) {
    return enabledActions.map(a -> a.contains(action)).orElse(true);
  }

  /**
   * Refuses an action that is not enabled.
   *
   * @throws PolicyRefusedException naming {@code actions.enabled} and the fix
   */
  public void checkAction(String where, String action) {
    if (!enabled(action)) {
      throw new PolicyRefusedException(
          "actions.enabled",
          where
              + " uses action '"
              + action
              + "', which is not enabled (enabled: "
              + String.join(", ", new TreeSet<>(enabledActions.orElseThrow()))
              + "); add it to actions.enabled in "
              + source
              + " or use another action");
    }
  }

  /**
   * Refuses a skill that {@code skills.allow} does not list.
   *
   * @throws PolicyRefusedException naming {@code skills.allow} and the fix
   */
  public void checkSkill(String name, Map<String, String> labels) {
    if (allowedSkills.isEmpty()
        || allowedSkills.get().stream().anyMatch(r -> r.matches(name, labels))) {
      return;
    }
    throw new PolicyRefusedException(
        "skills.allow",
        "skill '"
            + name
            + "' is not allowed (allowed: "
            + String.join(", ", allowedSkills.get().stream().map(SkillRule::toString).toList())
            + "); add '"
            + name
            + "' or one of its labels as label:key=value to skills.allow in "
            + source);
  }
}
