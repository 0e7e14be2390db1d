/**
 * What every action shares: the Action interface, its typed input, context, result and verdicts.
 */
package dev.prooflane.actions.core;
