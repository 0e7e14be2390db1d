package dev.prooflane.actions.engine;

import dev.prooflane.runtime.HopEntry;
import java.util.List;
import java.util.Map;

/**
 * The proof that the change was exercised: which forked services received keyed traffic during the
 * run, and the keyed hops the router recorded.
 *
 * @param exercised per forked service, whether it served at least one keyed request
 * @param keyedHops every hop carrying the run's key, oldest first
 */
public record Coverage(Map<String, Boolean> exercised, List<HopEntry> keyedHops) {
  public Coverage {
    exercised = Map.copyOf(exercised);
    keyedHops = List.copyOf(keyedHops);
  }

  /**
   * Whether every forked service served keyed traffic: only then is the change proven exercised.
   */
  public boolean allExercised() {
    return !exercised.containsValue(Boolean.FALSE);
  }

  /** The forked services that received no keyed traffic. */
  public java.util.List<String> unexercised() {
    return exercised.entrySet().stream()
        .filter(e -> !e.getValue())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
