package dev.prooflane.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the tries of one property came to: named outcomes (such as "policy" and "located problems"),
 * so that a property can demand that random inputs reach each of them, and skipped tries (inputs
 * whose outcome is a known, reported bug), which must stay few.
 */
public final class Outcomes {
  /** At most this many skipped tries per checked one, as before the move to QuickTheories. */
  static final int SKIPS_PER_CHECK = 10;

  private final Map<String, Integer> counts = new TreeMap<>();
  private int skipped;

  /** Counts one try that ended in {@code outcome}. */
  public void count(String outcome) {
    counts.merge(outcome, 1, Integer::sum);
  }

  /** Counts one try whose outcome is a known bug: neither passed nor failed. */
  public void skip() {
    skipped++;
  }

  /** Asserts that every one of {@code outcomes} occurred and that few tries were skipped. */
  public void assertOccurred(String... outcomes) {
    assertThat(counts).as("tries per outcome (and %d skipped)", skipped).containsKeys(outcomes);
    assertFewSkipped();
  }

  /** Asserts that at most {@value #SKIPS_PER_CHECK} tries were skipped per checked one. */
  public void assertFewSkipped() {
    int checked = counts.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(skipped)
        .as("skipped tries (known bugs) against %d checked: %s", checked, counts)
        .isLessThanOrEqualTo(SKIPS_PER_CHECK * Math.max(1, checked));
  }
}
