package dev.prooflane.local;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.store.StateStore;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Durations;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.Sandbox;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The expiry of sandboxes whose TTL ran out: a listener is told before each deletion and may stop
 * it (when it cannot record the expiry, the sandbox stays and is tried again at the next check);
 * sandboxes a start found expired are kept, not started, until a listener has been told.
 */
final class Expiries {
  private final StateStore store;
  private final Map<String, Sandbox> whileDown = new ConcurrentHashMap<>();
  private final Map<String, String> problems = new ConcurrentHashMap<>();
  private volatile Consumer<Sandbox> before = sandbox -> {};
  private volatile BiConsumer<Sandbox, RuntimeException> failed = (sandbox, e) -> {};

  Expiries(StateStore store) {
    this.store = store;
  }

  /** A stored sandbox the start found expired: deleted once a listener was told. */
  void foundExpired(Sandbox sandbox) {
    whileDown.put(sandbox.name(), sandbox);
  }

  /** A new sandbox takes the name (and the record) of one found expired. */
  void replaced(String name) {
    whileDown.remove(name);
  }

  /**
   * Calls {@code before} with each sandbox whose TTL ran out before it is deleted, and {@code
   * failed} when the deletion then fails. At once, deletes those found expired the same way; a
   * failure there is thrown.
   */
  void listen(Consumer<Sandbox> before, BiConsumer<Sandbox, RuntimeException> failed) {
    this.before = requireNonNull(before, "before");
    this.failed = requireNonNull(failed, "failed");
    for (Sandbox expired : List.copyOf(whileDown.values())) {
      before.accept(expired);
      try {
        store.deleteSandbox(expired.name());
      } catch (RuntimeException e) {
        failed.accept(expired, e);
        throw e;
      }
      whileDown.remove(expired.name());
    }
  }

  /** Expires {@code sandbox} with {@code delete}, once the listener was told. */
  void expire(Sandbox sandbox, Consumer<String> delete) {
    try {
      before.accept(sandbox);
    } catch (RuntimeException e) {
      reportOnce(sandbox.name(), "not deleted yet: " + e.getMessage());
      return;
    }
    try {
      delete.accept(sandbox.name());
      problems.remove(sandbox.name());
      System.err.println(
          "prooflane: sandbox "
              + sandbox.name()
              + " expired (ttl "
              + sandbox.spec().ttl().map(Durations::format).orElse("?")
              + "), deleted");
    } catch (NotFoundException | ConflictException e) {
      // deleted or changed concurrently; the next check sees the new state
    } catch (RuntimeException e) {
      failed.accept(sandbox, e);
      reportOnce(sandbox.name(), "not deleted yet: " + e.getMessage());
    }
  }

  /** Prints why an expired sandbox stays, once per reason rather than at every check. */
  private void reportOnce(String name, String problem) {
    if (!problem.equals(problems.put(name, problem))) {
      System.err.println(
          "prooflane: sandbox " + name + " expired but is " + problem + " (retried every check)");
    }
  }
}
