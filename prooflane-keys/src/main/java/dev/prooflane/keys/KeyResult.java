package dev.prooflane.keys;

import static java.util.Objects.requireNonNull;

/** What a request says about its routing key: nothing, one key, or something unusable. */
public sealed interface KeyResult permits KeyResult.Absent, KeyResult.Present, KeyResult.Invalid {

  /** The request carries no routing key. */
  Absent ABSENT = new Absent();

  /** No carrier holds a routing key. */
  record Absent() implements KeyResult {}

  /**
   * Every carrier that holds a key holds this one.
   *
   * @param key the key, valid per {@link dev.prooflane.model.RoutingKey#isValid}
   * @param carrier the first carrier (by precedence) it was found in, e.g. {@code "baggage member
   *     'prooflane-key'"}
   */
  record Present(String key, String carrier) implements KeyResult {
    public Present {
      requireNonNull(key, "key");
      requireNonNull(carrier, "carrier");
    }
  }

  /**
   * A carrier holds a malformed key, or carriers disagree.
   *
   * @param carrier the carrier at fault (the later one, for a conflict)
   * @param message what is wrong, where, and what to send instead
   */
  record Invalid(String carrier, String message) implements KeyResult {
    public Invalid {
      requireNonNull(carrier, "carrier");
      requireNonNull(message, "message");
    }
  }
}
