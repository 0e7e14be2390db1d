package dev.prooflane.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec (environment, sandbox) failed validation; carries every located problem, not just the
 * first.
 */
public final class SpecException extends ProoflaneException {
  private static final long serialVersionUID = 1L;
  private final transient List<SpecProblem> problems;

  public SpecException(List<SpecProblem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public SpecException(SpecProblem problem) {
    this(List.of(problem));
  }

  /** The problems found, in file order. */
  public List<SpecProblem> problems() {
    return problems;
  }

  private static String format(List<SpecProblem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems: empty (expected: at least one)");
    }
    return problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
  }
}
