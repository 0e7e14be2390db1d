package dev.prooflane.actions.report;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import java.util.ArrayList;
import java.util.List;

/** The steps of a run flattened in order, nested ones with dotted ids, for lists and tables. */
final class StepTree {
  /**
   * One step and how deep it is nested.
   *
   * @param id the dotted id, such as {@code check_price.quote}
   * @param depth 0 for a top-level step
   * @param result the step
   */
  record Flat(String id, int depth, StepResult result) {
    boolean failed() {
      return result.verdict() == Verdict.FAIL
          || result.verdict() == Verdict.ERROR
          || result.verdict() == Verdict.INCONCLUSIVE;
    }
  }

  private StepTree() {}

  static List<Flat> flatten(List<StepResult> steps) {
    List<Flat> out = new ArrayList<>();
    add(steps, "", 0, out);
    return out;
  }

  /** Failed steps, deepest cause included: a failing child is listed after its failing parent. */
  static List<Flat> failures(List<StepResult> steps) {
    return flatten(steps).stream().filter(Flat::failed).toList();
  }

  private static void add(List<StepResult> steps, String prefix, int depth, List<Flat> out) {
    for (StepResult s : steps) {
      String id = prefix.isEmpty() || s.id().startsWith(prefix) ? s.id() : prefix + s.id();
      out.add(new Flat(id, depth, s));
      add(s.children(), id + ".", depth + 1, out);
    }
  }
}
