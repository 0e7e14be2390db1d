/**
 * The {@code Sandbox} custom resource ({@code prooflane.dev/v1alpha1}): its spec, status and
 * checks.
 */
package dev.prooflane.kubernetes.crd;
