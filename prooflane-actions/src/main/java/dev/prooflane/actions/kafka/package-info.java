/**
 * The {@code kafka.publish} and {@code kafka.expect} actions: a record published to the
 * environment's broker with the run's routing key in its headers, and the proof, from the
 * consumption hops the consumers report, that the sandbox's fork consumed a matching record and the
 * baseline did not.
 */
package dev.prooflane.actions.kafka;
