/**
 * What every action shares: the Action interface, its typed input, context, result and verdicts,
 * and the request guard through which the run's policy admits each request. The bottom of the
 * actions: it uses no other package of them but {@code expr} and {@code runtime}.
 */
package dev.prooflane.actions.core;
