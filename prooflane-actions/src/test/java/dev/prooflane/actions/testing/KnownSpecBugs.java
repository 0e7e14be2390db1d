package dev.prooflane.actions.testing;

import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;

/**
 * Outcomes of the policy and skill readers that are known bugs of the shared YAML layer ({@code
 * dev.prooflane.model.spec.SpecFile}), reported and not yet fixed; the same list as
 * prooflane-model's {@code KnownSpecBugs}, which the actions tests cannot import. The properties
 * skip an input only when its outcome is one of these; {@code KnownSpecBugsTest} fails once a bug
 * is fixed, so this list shrinks with the fixes instead of hiding them.
 */
public final class KnownSpecBugs {
  private KnownSpecBugs() {}

  /** Whether any problem of {@code e} is a known bug. */
  public static boolean any(SpecException e) {
    return e.problems().stream().anyMatch(KnownSpecBugs::isUnmarkedYamlError);
  }

  /**
   * SnakeYAML errors without a mark (alias limit, nesting limit, special or unpaired surrogate
   * characters, some scanner errors) are reported at line 0 with no field.
   */
  public static boolean isUnmarkedYamlError(SpecProblem problem) {
    return problem.line() == 0
        && problem.field().isEmpty()
        && problem.message().startsWith("YAML: ");
  }
}
