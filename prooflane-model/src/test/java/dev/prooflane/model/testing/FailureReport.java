package dev.prooflane.model.testing;

import java.util.List;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Reporter;

/**
 * The failure of a property as JUnit shows it: how many tries it took, the seed to rerun with, the
 * smallest failing input and the first one found (both {@link Shown shown} escaped and
 * abbreviated), and the failure of the smallest input as the cause.
 */
final class FailureReport implements Reporter {
  /** Characters of the failure's message shown in the report itself. */
  private static final int FAILURE_SHOWN = 600;

  @Override
  public void falisification(
      long seed,
      int tries,
      Object smallest,
      Throwable cause,
      List<Object> found,
      AsString<Object> toString) {
    throw new AssertionError(message(seed, tries, smallest, found, cause), cause);
  }

  @Override
  public void falisification(
      long seed, int tries, Object smallest, List<Object> found, AsString<Object> toString) {
    throw new AssertionError(message(seed, tries, smallest, found, null));
  }

  @Override
  public void valuesExhausted(int tries) {
    throw new IllegalStateException(
        "property: only %d tries generated (expected: as many as asked)".formatted(tries));
  }

  private static String message(
      long seed, int tries, Object smallest, List<Object> found, Throwable cause) {
    StringBuilder out =
        new StringBuilder()
            .append("property falsified after ")
            .append(tries)
            .append(tries == 1 ? " try" : " tries")
            .append(" (seed ")
            .append(seed)
            .append(": rerun this test with -DQT_SEED=")
            .append(seed)
            .append(")\nsmallest failing input: ")
            .append(Shown.of(smallest));
    Object first = found.isEmpty() ? smallest : found.get(found.size() - 1);
    if (first != smallest) {
      out.append("\nfirst failing input found: ").append(Shown.of(first));
    }
    if (cause != null) {
      out.append("\nfailure: ").append(cut(cause.toString()));
    }
    return out.toString();
  }

  /** An assertion's message can hold the whole input: the cause below keeps all of it. */
  private static String cut(String failure) {
    return failure.length() <= FAILURE_SHOWN
        ? failure
        : failure.substring(0, FAILURE_SHOWN) + "... (the whole failure is the cause below)";
  }
}
