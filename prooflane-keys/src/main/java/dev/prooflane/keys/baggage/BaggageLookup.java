package dev.prooflane.keys.baggage;

import java.util.List;

/**
 * What the {@code baggage} headers of a request say about one member key.
 *
 * @param values decoded values of every well-formed member with the key, in header order
 * @param problems one message per malformed member with the key (such members are skipped, as the
 *     W3C specification requires, but a router should not silently ignore a key it was sent)
 */
public record BaggageLookup(List<String> values, List<String> problems) {
  static final BaggageLookup NONE = new BaggageLookup(List.of(), List.of());

  public BaggageLookup {
    values = List.copyOf(values);
    problems = List.copyOf(problems);
  }

  /** Whether no member with the key was found, well-formed or not. */
  public boolean isEmpty() {
    return values.isEmpty() && problems.isEmpty();
  }
}
