package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which records one consumer instance takes under one version of the routes: the decision, a pure
 * function of the routes, the instance and the record's key.
 *
 * <p>The baseline instance takes every record except those whose key belongs to a sandbox that
 * forks its service (whatever the fork's state: the record waits in the fork's group). A fork
 * instance of sandbox S takes only the records that carry S's key; when S has left the routes (it
 * is being deleted: its routes go first, then its forks stop) it keeps taking the key it last had,
 * so that a record the baseline skipped under the routes before cannot be skipped by both; before S
 * was ever seen, none.
 */
final class Selection {
  private final boolean baseline;
  private final Set<String> forkedKeys;
  private final String ownKey;

  private Selection(boolean baseline, Set<String> forkedKeys, String ownKey) {
    this.baseline = baseline;
    this.forkedKeys = forkedKeys;
    this.ownKey = ownKey;
  }

  /** The selection of the instance of {@code service} in {@code sandbox} (empty: the baseline). */
  static Selection of(Routes routes, String service, Optional<String> sandbox) {
    return of(routes, service, sandbox, null);
  }

  /**
   * The selection of the instance of {@code service} in {@code sandbox} (empty: the baseline); a
   * fork whose sandbox is not in {@code routes} takes {@code lastOwnKey}, the key its previous
   * selection took (null: none).
   */
  static Selection of(Routes routes, String service, Optional<String> sandbox, String lastOwnKey) {
    requireNonNull(routes, "routes");
    requireNonNull(service, "service");
    requireNonNull(sandbox, "sandbox");
    if (sandbox.isPresent()) {
      String ownKey = lastOwnKey;
      for (RoutedSandbox routed : routes.sandboxes()) {
        if (routed.name().equals(sandbox.get())) {
          ownKey = routed.key();
        }
      }
      return new Selection(false, Set.of(), ownKey);
    }
    Set<String> forkedKeys = new HashSet<>();
    for (RoutedSandbox routed : routes.sandboxes()) {
      if (routed.forks(service)) {
        forkedKeys.add(routed.key());
      }
    }
    return new Selection(true, forkedKeys, null);
  }

  /** The key a fork instance takes; null for the baseline, or a fork that has none yet. */
  String ownKey() {
    return ownKey;
  }

  /** What to do with a record that carries {@code key} (null: no valid key). */
  Decision decide(String key) {
    if (baseline) {
      return key != null && forkedKeys.contains(key) ? Decision.SKIP_FORKED : Decision.DELIVER;
    }
    return key != null && key.equals(ownKey) ? Decision.DELIVER : Decision.SKIP_NOT_OURS;
  }
}
