package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.ConflictException;
import dev.prooflane.model.RoutingKey;

/** A sandbox asked for a routing key that another sandbox in the route table already holds. */
public final class RoutingKeyConflictException extends ConflictException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final String sandbox;
  private final String holder;

  /**
   * Refuses {@code key} to {@code sandbox} because {@code holder} has it.
   *
   * @param key the routing key both sandboxes want
   * @param sandbox the sandbox that asked for it
   * @param holder the sandbox that holds it
   */
  public RoutingKeyConflictException(RoutingKey key, String sandbox, String holder) {
    super(
        "routing key '"
            + requireNonNull(key, "key").value()
            + "' is already used by sandbox '"
            + requireNonNull(holder, "holder")
            + "' (leave the routing key out to have one generated)");
    this.key = key.value();
    this.sandbox = requireNonNull(sandbox, "sandbox");
    this.holder = holder;
  }

  /** The routing key both sandboxes want. */
  public String key() {
    return key;
  }

  /** The sandbox that asked for the key and was refused. */
  public String sandbox() {
    return sandbox;
  }

  /** The sandbox that holds the key. */
  public String holder() {
    return holder;
  }
}
