/**
 * How Prooflane names, labels, reads and prints the Kubernetes objects it plans, and the baseline
 * it plans against.
 */
package dev.prooflane.kubernetes.meta;
