package dev.prooflane.model.spec;

import static dev.prooflane.model.testing.Tries.tries;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.prooflane.model.SpecException;
import dev.prooflane.model.testing.Outcomes;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.quicktheories.core.Gen;

/**
 * The property every reader of spec-like YAML files holds (the spec readers here, the policy and
 * skill readers of prooflane-actions): any text yields a value that passes the reader's own checks
 * or a {@link SpecException} whose every problem is located in the file, in bounded time, never
 * another exception. Outcomes that are known, reported bugs ({@link KnownSpecBugs}) are skipped,
 * never passed.
 */
public final class ReaderProperty {
  /** The outcome of a try whose text was read. */
  public static final String READ = "read";

  /** The outcome of a try whose text was refused with located problems. */
  public static final String LOCATED = "located problems";

  /**
   * How long one read may take before the property fails as a hang: far above a read's time even on
   * a machine whose cores are all busy (5 s failed there once), far below a real hang's.
   */
  static final Duration CALL_BOUND = Duration.ofSeconds(30);

  private ReaderProperty() {}

  /**
   * Reads each of {@code tries} texts from {@code texts} with {@code read}: a value must pass
   * {@code valid} (given the text and the value); a {@link SpecException} must {@link
   * LocatedProblems#assertLocated locate} every problem in {@code file} unless it is a known bug.
   * Returns the outcomes ({@link #READ}, {@link #LOCATED}, skipped) for the caller to demand.
   */
  public static <T> Outcomes check(
      int tries,
      Gen<String> texts,
      String file,
      Function<String, T> read,
      BiConsumer<String, T> valid) {
    Outcomes outcomes = new Outcomes();
    tries(tries)
        .check(
            texts,
            text -> {
              try {
                T value = assertTimeoutPreemptively(CALL_BOUND, () -> read.apply(text));
                valid.accept(text, value);
                outcomes.count(READ);
              } catch (SpecException e) {
                if (KnownSpecBugs.any(e)) {
                  outcomes.skip();
                  return;
                }
                LocatedProblems.assertLocated(e, file);
                outcomes.count(LOCATED);
              }
            });
    return outcomes;
  }
}
