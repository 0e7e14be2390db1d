package dev.prooflane.model.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * How every property test of the project runs: a fixed number of tries of one generated input on
 * QuickTheories inside a plain JUnit test, a random seed that a failure names (rerun with {@code
 * -DQT_SEED=<seed>}), a shrinking bounded in steps and in time, and a report that shows huge and
 * control-character inputs readably ({@link FailureReport}).
 */
public final class Tries {
  /** Shrink steps after a failure: QuickTheories' default is 100 per try, far too many here. */
  static final int SHRINK_CYCLES = 2_000;

  /**
   * How long shrinking may run the property after the first failure; past it the remaining steps
   * are not run, and the smallest input found so far is reported.
   */
  static final Duration SHRINK_TIME = Duration.ofSeconds(20);

  private final int tries;
  private final OptionalLong seed;

  private Tries(int tries, OptionalLong seed) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries: %d (expected: > 0)".formatted(tries));
    }
    this.tries = tries;
    this.seed = seed;
  }

  /**
   * A run of {@code tries} generated inputs, from the seed {@code -DQT_SEED} names or else a new
   * one.
   */
  public static Tries tries(int tries) {
    return new Tries(tries, OptionalLong.empty());
  }

  /** The same run from {@code seed}: pins a failure's inputs while it is being fixed. */
  public Tries seed(long seed) {
    return new Tries(tries, OptionalLong.of(seed));
  }

  /**
   * Runs {@code property} on inputs from {@code inputs}; the property fails by throwing (an AssertJ
   * assertion, or the failure under test), and the smallest failing input is reported.
   */
  public <T> void check(Gen<T> inputs, Consumer<T> property) {
    requireNonNull(inputs, "inputs");
    requireNonNull(property, "property");
    ShrinkBudget<T> budget = new ShrinkBudget<>(property, SHRINK_TIME);
    QuickTheory run = QuickTheory.qt();
    if (seed.isPresent()) {
      run = run.withFixedSeed(seed.getAsLong());
    }
    run.withExamples(tries)
        .withShrinkCycles(SHRINK_CYCLES)
        .withReporter(new FailureReport())
        .forAll(inputs)
        .checkAssert(budget);
  }

  /** Runs the property until shrinking has used its time; then passes every further input. */
  private static final class ShrinkBudget<T> implements Consumer<T> {
    private final Consumer<T> property;
    private final long budgetNanos;
    private long firstFailure;
    private boolean failed;

    ShrinkBudget(Consumer<T> property, Duration budget) {
      this.property = property;
      this.budgetNanos = budget.toNanos();
    }

    @Override
    public void accept(T input) {
      if (failed && System.nanoTime() - firstFailure > budgetNanos) {
        return;
      }
      try {
        property.accept(input);
      } catch (RuntimeException | Error e) {
        if (!failed) {
          failed = true;
          firstFailure = System.nanoTime();
        }
        throw e;
      }
    }
  }
}
