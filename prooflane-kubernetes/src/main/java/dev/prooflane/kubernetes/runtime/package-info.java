/**
 * The runtime of a cluster namespace as the skill engine sees it ({@code RuntimeAccess}): services,
 * sandboxes, and the logs of baseline and fork pods read through the Kubernetes API.
 */
package dev.prooflane.kubernetes.runtime;
