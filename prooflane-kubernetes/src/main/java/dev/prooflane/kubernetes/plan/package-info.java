/**
 * The cluster-free planner: from a Sandbox and the baseline's objects, the exact objects to write
 * and to delete.
 */
package dev.prooflane.kubernetes.plan;
