package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.KeyNames;
import java.util.List;

/**
 * The daemon's Kafka routes at one version: where keys travel and every sandbox with its key and
 * the services it forks.
 *
 * @param version increases on every change of the sandboxes
 * @param keyNames the carriers' names, the router's own
 * @param sandboxes every sandbox whose routes are in force, forks up or down
 */
record Routes(long version, KeyNames keyNames, List<RoutedSandbox> sandboxes) {
  Routes {
    requireNonNull(keyNames, "keyNames");
    sandboxes = List.copyOf(sandboxes);
  }
}
