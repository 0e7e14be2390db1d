package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

/**
 * Why {@link RouteTable#decide} sends a request to its service's baseline (or, when there is none,
 * would have).
 */
public sealed interface BaselineReason
    permits BaselineReason.Unkeyed, BaselineReason.UnknownKey, BaselineReason.NotForked {

  /** The one {@link Unkeyed} reason, shared so that deciding allocates nothing for it. */
  BaselineReason UNKEYED = new Unkeyed();

  /** The one {@link UnknownKey} reason, shared so that deciding allocates nothing for it. */
  BaselineReason UNKNOWN_KEY = new UnknownKey();

  /** The request carries no routing key. */
  record Unkeyed() implements BaselineReason {}

  /** No sandbox in the table has the request's routing key. */
  record UnknownKey() implements BaselineReason {}

  /**
   * The request carries the key of a sandbox that forks other services, not this one.
   *
   * @param sandbox the sandbox's name
   */
  record NotForked(String sandbox) implements BaselineReason {
    public NotForked {
      requireNonNull(sandbox, "sandbox");
    }
  }
}
