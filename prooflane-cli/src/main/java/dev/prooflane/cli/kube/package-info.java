/**
 * The {@code prooflane kube} commands: render a sandbox's objects offline, and manage Sandboxes in
 * a cluster.
 */
package dev.prooflane.cli.kube;
