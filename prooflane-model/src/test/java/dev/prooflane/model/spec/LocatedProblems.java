package dev.prooflane.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;

/**
 * What the hostile-input properties of every spec reader demand of a {@link SpecException}: every
 * problem located.
 */
public final class LocatedProblems {
  private LocatedProblems() {}

  /** At least one problem; each names {@code file}, says something, and is located. */
  public static void assertLocated(SpecException e, String file) {
    if (e.problems().stream().anyMatch(LocatedProblems::isTooLarge)) {
      assertThat(e.problems()).as("the size problem comes alone").hasSize(1);
    }
    assertThat(e.problems())
        .isNotEmpty()
        .allSatisfy(
            problem -> {
              assertThat(problem.file()).isEqualTo(file);
              assertThat(problem.message()).isNotBlank();
              assertThat(isLocated(problem)).as("located: %s", problem).isTrue();
            });
  }

  /**
   * A line, a field, or the one problem that is about the whole file (its size): there is no better
   * place to point at then.
   */
  public static boolean isLocated(SpecProblem problem) {
    return problem.line() > 0 || !problem.field().isEmpty() || isTooLarge(problem);
  }

  private static boolean isTooLarge(SpecProblem problem) {
    return problem.message().startsWith("file is larger than");
  }
}
