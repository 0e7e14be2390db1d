/**
 * The {@code logs} action: what a service's instance (its fork when the run targets a sandbox)
 * wrote during the run or one step, checked against patterns and kept as evidence.
 */
package dev.prooflane.actions.logs;
