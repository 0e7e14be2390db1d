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
 * instance of sandbox S takes only the records that carry S's key; none while S is not in the
 * routes.
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
    requireNonNull(routes, "routes");
    requireNonNull(service, "service");
    requireNonNull(sandbox, "sandbox");
    if (sandbox.isPresent()) {
      String ownKey = null;
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

  /** What to do with a record that carries {@code key} (null: no valid key). */
  Decision decide(String key) {
    if (baseline) {
      return key != null && forkedKeys.contains(key) ? Decision.SKIP_FORKED : Decision.DELIVER;
    }
    return key != null && key.equals(ownKey) ? Decision.DELIVER : Decision.SKIP_NOT_OURS;
  }
}
