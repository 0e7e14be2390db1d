package dev.prooflane.model.spec;

import dev.prooflane.model.Environment;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;

/**
 * Outcomes of the spec readers (and of every reader on the shared YAML layer, such as the policy
 * and skill readers of prooflane-actions, which use this class from the test-jar) that are known
 * bugs, reported with the hostile-input tests and not yet fixed (the readers' code belongs to
 * another change). The properties skip an input only when its outcome is one of these; {@code
 * KnownSpecBugsTest} fails once a bug is fixed, so this list shrinks with the fixes instead of
 * hiding them.
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

  /**
   * An environment without services: {@code EnvironmentReader} refuses {@code services: {}} with
   * "no services" but accepts a {@code services:} field whose value is empty or null ({@code
   * services: ~}).
   */
  public static boolean isEnvironmentWithoutServices(Environment environment) {
    return environment.services().isEmpty();
  }
}
