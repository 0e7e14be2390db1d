/** The Sandbox operator: a JOSDK reconciler that applies the planner's objects to a cluster. */
package dev.prooflane.kubernetes.operator;
