package dev.prooflane.model.spec;

import dev.prooflane.model.SpecProblem;
import java.nio.file.InvalidPathException;

/**
 * Outcomes of the spec readers that are known bugs, reported with the hostile-input tests and not
 * yet fixed (the readers' code belongs to another change). The properties skip an input only when
 * its outcome is one of these; {@code KnownSpecBugsTest} fails once a bug is fixed, so this list
 * shrinks with the fixes instead of hiding them.
 */
final class KnownSpecBugs {
  private KnownSpecBugs() {}

  /**
   * A value the reader accepted but the spec record rejects escapes unlocated: an empty or null
   * {@code forks}, {@code ttl: 0s}, a service forked twice (SandboxSpec's constructor), or a NUL
   * character in a {@code skills} or {@code workdir} path ({@link InvalidPathException}).
   */
  static boolean isUnlocatedCrash(RuntimeException e) {
    if (e instanceof InvalidPathException) {
      return true;
    }
    String message = String.valueOf(e.getMessage());
    return e.getClass() == IllegalArgumentException.class
        && (message.startsWith("forks: empty")
            || message.startsWith("ttl: PT0S")
            || (message.startsWith("forks: service '") && message.contains("forked twice")));
  }

  /**
   * SnakeYAML errors without a mark (alias limit, nesting limit, special or unpaired surrogate
   * characters, some scanner errors) are reported at line 0 with no field.
   */
  static boolean isUnmarkedYamlError(SpecProblem problem) {
    return problem.line() == 0
        && problem.field().isEmpty()
        && problem.message().startsWith("YAML: ");
  }
}
