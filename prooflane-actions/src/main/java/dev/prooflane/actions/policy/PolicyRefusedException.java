package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ProoflaneException;

/**
 * The policy refused something: the message names the rule and the fix, and starts with {@code
 * refused by policy <rule>:}.
 */
public final class PolicyRefusedException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final String rule;
  private final String detail;

  /**
   * @param rule the policy rule that refused, such as {@code writes} or {@code limits.stepsPerRun}
   * @param detail what was refused and how to allow it
   */
  public PolicyRefusedException(String rule, String detail) {
    super("refused by policy " + requireNonNull(rule, "rule") + ": " + detail);
    this.rule = rule;
    this.detail = detail;
  }

  /** What was refused and how to allow it: the message without its prefix. */
  public String detail() {
    return detail;
  }

  /** The rule that refused, such as {@code writes}. */
  public String rule() {
    return rule;
  }
}
