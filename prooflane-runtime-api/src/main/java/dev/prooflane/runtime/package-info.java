/**
 * The small interface through which the skill engine reaches a runtime (local or Kubernetes):
 * service addresses, sandboxes and their keys, logs and hop records. Each runtime implements it;
 * the engine never imports a runtime.
 */
package dev.prooflane.runtime;
