/**
 * The small interface through which actions reach a runtime (local or Kubernetes): service
 * addresses, sandboxes and their keys, logs and the router's hop records. Actions never import a
 * runtime.
 */
package dev.prooflane.actions.runtime;
