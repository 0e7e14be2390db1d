package dev.prooflane.model.spec;

import static dev.prooflane.model.testing.Tries.tries;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.prooflane.model.SpecException;
import dev.prooflane.model.testing.Outcomes;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
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

  /** How long one read may take before the property fails as a hang. */
  static final Duration CALL_BOUND = Duration.ofSeconds(5);

  private ReaderProperty() {}

  /**
   * Reads each of {@code tries} texts from {@code texts} with {@code read}: a value must pass
   * {@code valid} (given the text and the value) unless {@code knownBug} says its outcome is a
   * known bug; a {@link SpecException} must {@link LocatedProblems#assertLocated locate} every
   * problem in {@code file}. Returns the outcomes ({@link #READ}, {@link #LOCATED}, skipped) for
   * the caller to demand.
   */
  public static <T> Outcomes check(
      int tries,
      Gen<String> texts,
      String file,
      Function<String, T> read,
      Predicate<T> knownBug,
      BiConsumer<String, T> valid) {
    Outcomes outcomes = new Outcomes();
    tries(tries)
        .check(
            texts,
            text -> {
              try {
                T value = assertTimeoutPreemptively(CALL_BOUND, () -> read.apply(text));
                if (knownBug.test(value)) {
                  outcomes.skip();
                  return;
                }
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
